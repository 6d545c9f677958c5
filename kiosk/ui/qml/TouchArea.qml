// A touch target that the hardware keypad reaches too: the arrows bring the focus here
// (FocusRing shows it), Enter or Space press. For tiles drawn by hand; BigButton,
// ChoiceChip and TechButton do the same themselves. ``activated`` is the press, by
// finger or by key.
import QtQuick

MouseArea {
    id: area
    signal activated()
    readonly property real radius: parent && parent.radius !== undefined ? parent.radius : 0
    anchors.fill: parent
    activeFocusOnTab: enabled
    onClicked: area.activated()
    Keys.onReturnPressed: area.activated()
    Keys.onEnterPressed: area.activated()
    Keys.onSpacePressed: area.activated()
    FocusRing {}
}
