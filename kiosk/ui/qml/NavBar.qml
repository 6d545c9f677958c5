// The bottom bar of every screen after the attract screen (tests/ui/test_screen_walker.py
// holds every screen to it): back, where there is a way back, and 结束办理, the one way
// to end, with the one label everywhere. A screen whose service did what was asked ends
// through its own ``end`` (on to the rating: queue.ticketTaken...); otherwise ending
// ends the session. ``goBack`` is the flow's back unless the screen has its own (a
// form's previous question, a topic's list).
import QtQuick

Item {
    id: nav
    objectName: "navBar"
    property bool showBack: true
    property string backName: "backButton"
    property var goBack: function () { kiosk.back() }
    property var end: function () { kiosk.finish() }
    height: theme.smallButtonHeight + 32

    Row {
        anchors { left: parent.left; leftMargin: 48; verticalCenter: parent.verticalCenter }
        spacing: 24
        BigButton {
            objectName: nav.backName
            visible: nav.showBack
            width: kiosk.elderMode ? 320 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true
            label: "‹ " + qsTr("返回")
            onClicked: nav.goBack()
        }
        BigButton {
            objectName: "homeButton"
            width: kiosk.elderMode ? 420 : 300; implicitHeight: theme.smallButtonHeight
            secondary: true
            label: "⌂ " + qsTr("结束办理")
            onClicked: nav.end()
        }
    }
}
