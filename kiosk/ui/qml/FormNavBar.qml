// The bottom bar of an application's questions (and of their confirm screen): back goes
// to the previous question, not out of the service; home ends the session.
import QtQuick

Item {
    height: theme.smallButtonHeight + 32

    Row {
        anchors { left: parent.left; leftMargin: 48; verticalCenter: parent.verticalCenter }
        spacing: 24
        BigButton {
            objectName: "formBack"
            width: kiosk.elderMode ? 320 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true
            label: "‹ " + qsTr("返回")
            onClicked: form.back()
        }
        BigButton {
            objectName: "homeButton"
            width: kiosk.elderMode ? 420 : 300; implicitHeight: theme.smallButtonHeight
            secondary: true
            label: "⌂ " + qsTr("结束办理")
            onClicked: kiosk.finish()
        }
    }
}
