// A resident ID card coming down onto the reader's sensing area, so the gesture is obvious.
import QtQuick

Item {
    id: picture
    property bool running: true
    implicitHeight: width * 0.8

    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: parent.height * 0.35; radius: 20
        color: "#D5DDE8"; border.color: theme.mutedText; border.width: 3
        Text {
            anchors.centerIn: parent
            text: qsTr("感应区")
            color: theme.text; font.pointSize: theme.labelSize
        }
    }
    Rectangle {
        id: card
        width: parent.width * 0.7; height: width * 0.63; radius: 14
        x: (parent.width - width) / 2
        color: "#EAF2FB"; border.color: theme.primary; border.width: 4
        Text {
            anchors.centerIn: parent
            text: qsTr("身份证")
            color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
        }
        SequentialAnimation on y {
            loops: Animation.Infinite
            running: picture.running
            NumberAnimation { from: 0; to: picture.height * 0.35; duration: 1400; easing.type: Easing.InOutQuad }
            PauseAnimation { duration: 800 }
        }
    }
}
