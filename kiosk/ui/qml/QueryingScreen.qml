// Queries, step 2: progress while the hall looks the records up.
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
            text: qsTr("正在查询，请稍候…")
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
    }

    NavBar {
        showBack: false
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
