// The services this terminal offers; unavailable ones say why.
import QtQuick

Item {
    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing * 1.5
        ScreenTitle {
            width: parent.width
            text: qsTr("请选择您要办理的业务")
        }
        Repeater {
            model: kiosk.services
            delegate: BigButton {
                objectName: "service_" + modelData.code
                width: parent.width
                label: modelData.name
                available: modelData.available
                reason: modelData.reason
                detail: modelData.summary
                onClicked: kiosk.chooseService(modelData.code)
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } showBack: false }
}
