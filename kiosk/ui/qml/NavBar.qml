// Bottom bar of every screen after the attract screen: back and home.
import QtQuick

Item {
    id: nav
    property bool showBack: true
    height: theme.smallButtonHeight + 32

    Row {
        anchors { left: parent.left; leftMargin: 48; verticalCenter: parent.verticalCenter }
        spacing: 24
        BigButton {
            objectName: "backButton"
            visible: nav.showBack
            width: kiosk.elderMode ? 320 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true
            label: "‹ " + qsTr("返回")
            onClicked: kiosk.back()
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
