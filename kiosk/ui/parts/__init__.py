"""One QObject per citizen flow (payments, forms, appointment check-in...): the flow's
properties and slots for its QML screens, and the jobs it runs. See :mod:`.base`."""
from .checkin import CheckinPart
from .form import FormPart
from .home import HomePart
from .identify import IdentifyPart
from .payment import PaymentPart

# name -> Part class. The name is what QML calls it (a context property) and what
# KioskController.parts is keyed by. Add a flow's part here.
ALL: dict = {"home": HomePart, "ident": IdentifyPart, "pay": PaymentPart, "form": FormPart,
             "checkin": CheckinPart}
