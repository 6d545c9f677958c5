// The hidden entry to technician mode: five taps in the top-right corner within three
// seconds (counted by tech.cornerTapped). Invisible, and it lets every touch through to
// what lies beneath, so a citizen touching the corner sees nothing different.
import QtQuick

MouseArea {
    objectName: "techCorner"
    width: 120; height: 120
    anchors { top: parent.top; right: parent.right }
    propagateComposedEvents: true
    onPressed: function (mouse) { tech.cornerTapped(); mouse.accepted = false }
}
