// A social security card going into the reader's slot, chip first and facing up
// (``inserting``), or sticking out of it, to be taken (the reminder).
import QtQuick

Item {
    id: picture
    property bool running: true
    property bool inserting: true
    implicitHeight: width * 0.9

    // The card: upright, chip at its lower end (the end that goes in).
    Rectangle {
        id: card
        width: parent.width * 0.5; height: width * 1.3; radius: 14
        x: (parent.width - width) / 2
        color: "#E8F5EC"; border.color: "#1E6B3A"; border.width: 4
        Text {
            anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 20 }
            text: qsTr("社保卡")
            color: "#1E6B3A"; font.pointSize: theme.bodySize; font.bold: true
        }
        Rectangle {     // the chip
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: parent.height * 0.18 }
            width: parent.width * 0.3; height: width * 0.8; radius: 6
            color: "#D4A017"; border.color: "#7A5C00"; border.width: 2
        }
        SequentialAnimation on y {
            loops: Animation.Infinite
            running: picture.running
            NumberAnimation {
                from: picture.inserting ? 0 : picture.height * 0.42
                to: picture.inserting ? picture.height * 0.42 : 0
                duration: 1400; easing.type: Easing.InOutQuad
            }
            PauseAnimation { duration: 800 }
        }
    }
    // The reader's front, with its slot: drawn over the card, which disappears into it.
    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Math.max(parent.height * 0.3, slot.height + slotLabel.implicitHeight + 48)
        radius: 20
        color: "#D5DDE8"; border.color: theme.mutedText; border.width: 3
        Rectangle {
            id: slot
            anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 18 }
            width: card.width + 24; height: 14; radius: 7
            color: theme.text
        }
        Text {
            id: slotLabel
            anchors { horizontalCenter: parent.horizontalCenter; top: slot.bottom; topMargin: 12 }
            text: qsTr("读卡口")
            color: theme.text; font.pointSize: theme.labelSize
        }
    }
}
