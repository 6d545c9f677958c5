// 自助取件, the outcome: which door to go to, or why not and what to do.
import QtQuick

Item {
    readonly property bool opened: pickup.outcome === "ok"
    readonly property bool canRetry: pickup.outcome === "wrong_code"

    Spoken { texts: [door, message] }

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5

        Text {
            id: door
            objectName: "pickupDoor"
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: opened
            text: qsTr("%1 号柜门已打开").arg(pickup.door)
            color: theme.success; font.pointSize: theme.hugeSize * 0.6; font.bold: true
        }
        Text {
            id: message
            objectName: "pickupMessage"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: (opened ? "" : "⚠ ") + pickup.message
            color: opened ? theme.text : theme.warning
            font.pointSize: theme.titleSize; font.bold: !opened
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: opened
            text: qsTr("请记得取回您的身份证。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        BigButton {
            objectName: "pickupRetry"
            anchors.horizontalCenter: parent.horizontalCenter
            width: parent.width * 0.6
            visible: canRetry
            centered: true
            label: qsTr("重新输入取件码")
            onClicked: pickup.retryCode()
        }
    }

    NavBar {
        showBack: false
        end: function () { if (opened) pickup.done(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
