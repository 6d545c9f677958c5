// Certificates, step 2: progress while the hall makes the document and the A4 printer
// prints it (several seconds: the citizen must see that something is happening).
import QtQuick

Item {
    Column {
        anchors.centerIn: parent
        spacing: 40
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: kiosk.holderGreeting !== ""
            text: qsTr("您好，%1").arg(kiosk.holderGreeting)
            color: theme.text; font.pointSize: theme.titleSize
        }
        Spinner { anchors.horizontalCenter: parent.horizontalCenter }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("正在为您查询并打印《%1》，请稍候…").arg(document.title)
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("打印一般需要半分钟，请不要离开。不想等了，可以按“结束办理”。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
    }
    // 结束办理 here stops the printing: what is still in the printer's queue is withdrawn.
    NavBar {
        showBack: false
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
