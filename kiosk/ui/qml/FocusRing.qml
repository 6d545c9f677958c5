// The keypad's focus (arrow keys move it, Enter presses): drawn around the control that
// has it, outside its edge so it hides nothing, dark outside and yellow inside so it
// shows on the light screens and on the dark header alike. Put one in every control
// that takes touches, with activeFocusOnTab and the Enter keys (BigButton has them).
import QtQuick

Rectangle {
    readonly property Item control: parent
    anchors { fill: parent; margins: -10 }
    radius: (control.radius !== undefined ? control.radius : 0) + 10
    color: "transparent"
    border { width: 5; color: theme.focusOuter }
    visible: control.activeFocus
    z: 100
    Rectangle {
        anchors { fill: parent; margins: 5 }
        radius: Math.max(0, parent.radius - 5)
        color: "transparent"
        border { width: 4; color: theme.focusInner }
    }
}
