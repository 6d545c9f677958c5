// Applications, the outcome: the reference to quote, the receipt to take.
import QtQuick

Item {
    readonly property bool accepted: apply.reference !== ""

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: accepted ? qsTr("%1 已受理").arg(apply.title)
                           : "⚠ " + qsTr("没有登记成功，请到窗口办理。")
            color: accepted ? theme.accent : theme.warning
            font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Text {
            objectName: "applicationFailure"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: !accepted && apply.failure !== ""
            text: apply.failure
            color: theme.text; font.pointSize: theme.bodySize + 4
        }
        Text {
            objectName: "applicationReference"
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: accepted
            text: qsTr("受理编号：%1").arg(apply.reference)
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: accepted
            text: apply.printError !== "" ? apply.printError
                                                      : "▼ " + qsTr("请取走受理回执") + " ▼"
            color: apply.printError !== "" ? theme.warning : theme.primary
            font.pointSize: theme.bodySize + 4; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: qsTr("请记得取回您的身份证。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        BigButton {
            objectName: "applicationDone"
            anchors.horizontalCenter: parent.horizontalCenter
            width: parent.width * 0.6
            centered: true
            label: accepted ? qsTr("完成") : qsTr("结束办理")
            onClicked: accepted ? apply.done() : kiosk.finish()
        }
    }
}
