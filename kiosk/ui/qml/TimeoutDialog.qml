// Shown before the session ends for inactivity (20 s, 40 s in elder mode): the seconds
// left, large, what will happen (the sentence voice guidance reads), a large button to
// continue. Covers the screen so the choice is unmistakable.
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
                objectName: "timeoutSeconds"
                width: parent.width; horizontalAlignment: Text.AlignHCenter
                text: kiosk.secondsLeft
                color: theme.warning; font.pointSize: theme.titleSize * 2; font.bold: true
            }
            Text {
                objectName: "timeoutText"
                width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                text: kiosk.timeoutText      // the sentence voice guidance reads (messages.py)
                color: theme.text; font.pointSize: theme.bodySize + 4
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
