// Progress while the number is issued and the ticket printed.
import QtQuick

Item {
    Column {
        anchors.centerIn: parent
        spacing: 40
        Text {
            objectName: "greeting"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: kiosk.holderGreeting !== ""
            text: qsTr("您好，%1").arg(kiosk.holderGreeting)
            color: theme.text; font.pointSize: theme.titleSize
        }
        Spinner { anchors.horizontalCenter: parent.horizontalCenter }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("正在为您取号并打印凭条，请稍候…")
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
    }
}
