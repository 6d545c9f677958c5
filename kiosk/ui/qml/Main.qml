// The kiosk window: header (hall, clock, language, elder mode), the current screen,
// and the inactivity warning. Screens are chosen by kiosk.screen; they hold no logic.
import QtQuick

Window {
    id: root
    objectName: "kioskWindow"
    width: 1920
    height: 1080
    visible: true
    color: theme.background
    title: qsTr("政务服务一体机")

    readonly property var screenFiles: ({
        "attract": "AttractScreen.qml", "home": "HomeScreen.qml",
        "category": "CategoryScreen.qml", "kind": "KindScreen.qml",
        "identify": "IdentifyScreen.qml", "issuing": "IssuingScreen.qml",
        "ticket": "TicketScreen.qml", "rating": "RatingScreen.qml",
        "rating_reason": "RatingReasonScreen.qml", "pickup_code": "PickupCodeScreen.qml",
        "opening": "OpeningScreen.qml", "pickup_result": "PickupResultScreen.qml",
        "printing": "PrintingScreen.qml", "printed": "PrintedScreen.qml",
        "guides": "GuidesScreen.qml", "guide_detail": "GuideDetailScreen.qml",
        "confirm": "ConfirmScreen.qml", "submitted": "SubmittedScreen.qml",
        "form": "FormScreen.qml",
        "querying": "QueryingScreen.qml", "results": "ResultsScreen.qml",
        "appointments": "AppointmentsScreen.qml",
        "pay_items": "PayItemsScreen.qml", "paying": "PayingScreen.qml",
        "pay_result": "PayResultScreen.qml"
    })

    readonly property bool dialogUp: kiosk.timeoutWarning || ident.takeCard !== "" || tech.visible

    // Declared before the header: the keypad's focus goes through the screen's controls
    // first (keypad.py). The screen is disabled under a dialog, so the keypad stays in it.
    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        source: root.screenFiles[kiosk.screen]
        enabled: !root.dialogUp
    }

    Header {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        enabled: !root.dialogUp
    }

    StaffCallBanner {
        anchors { horizontalCenter: parent.horizontalCenter; top: header.bottom; topMargin: 24 }
    }

    TakeCardReminder { anchors.fill: parent }

    TimeoutDialog {
        anchors.fill: parent
        visible: kiosk.timeoutWarning
    }

    // Technician mode: the hidden corner, and its screens above everything.
    TechCorner {}
    Loader {
        objectName: "techLoader"
        anchors.fill: parent
        active: tech.visible
        source: "TechScreen.qml"
    }
}
