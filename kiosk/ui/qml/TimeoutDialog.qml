// Shown 20 s before the session ends for inactivity: how long is left, and a large
// button to continue. Covers the screen so the choice is unmistakable.
import QtQuick

Rectangle {
    color: "#B3000000"
    MouseArea { anchors.fill: parent }   // swallow touches behind the dialog

    Rectangle {
        anchors.centerIn: parent
        width: parent.width * 0.6; height: dialogBody.implicitHeight + 96
        radius: 24; color: "white"
        Column {
            id: dialogBody
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 }
            spacing: theme.spacing
            Text {
                width: parent.width; horizontalAlignment: Text.AlignHCenter
                text: qsTr("您还需要更多时间吗？")
                color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            }
            Text {
                objectName: "timeoutText"
                width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                text: qsTr("%1 秒后将返回首页，本次填写的信息将被清除。").arg(kiosk.secondsLeft)
                color: theme.text; font.pointSize: theme.bodySize
            }
            BigButton {
                objectName: "continueButton"
                centered: true
                width: parent.width
                label: qsTr("继续办理")
                onClicked: kiosk.continueSession()
            }
        }
    }
}
