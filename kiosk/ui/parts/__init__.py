"""One QObject per citizen flow (queue tickets, payments, forms, appointment check-in...):
the flow's properties and slots for its QML screens, and the jobs it runs. See :mod:`.base`."""
from .apply import ApplyPart
from .checkin import CheckinPart
from .document import DocumentPart
from .form import FormPart
from .guides import GuidesPart
from .home import HomePart
from .identify import IdentifyPart
from .payment import PaymentPart
from .pickup import PickupPart
from .query import QueryPart
from .queue import QueuePart
from .rating import RatingPart
from .technician import TechnicianPart

# name -> Part class. The name is what QML calls it (a context property) and what
# KioskController.parts is keyed by. Add a flow's part here.
ALL: dict = {"home": HomePart, "ident": IdentifyPart, "queue": QueuePart,
             "pickup": PickupPart, "document": DocumentPart, "guides": GuidesPart,
             "apply": ApplyPart, "query": QueryPart, "pay": PaymentPart, "form": FormPart,
             "checkin": CheckinPart, "rating": RatingPart, "tech": TechnicianPart}
