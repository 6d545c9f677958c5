// 自助取件, step 3: progress while the door is opened and checked.
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
            text: qsTr("正在核对取件码并打开柜门，请稍候…")
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
    }
}
