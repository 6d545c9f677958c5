// What the citizen comes for: submit, ask, or collect. Says which ones need the ID card.
import QtQuick

Item {
    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: qsTr("您来办理什么？")
            hint: queue.choice
        }
        Repeater {
            model: queue.kinds
            delegate: BigButton {
                objectName: "kind_" + modelData.code
                width: parent.width
                label: modelData.name
                detail: modelData.needsId ? qsTr("需要刷身份证") : qsTr("无需身份证")
                available: modelData.available
                reason: modelData.reason
                onClicked: queue.chooseKind(modelData.code)
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }
}
