// A compact button for the technician screens (a technician, not an elder citizen:
// smaller than BigButton, still >= 60 px high).
import QtQuick

Rectangle {
    id: b
    property string label
    property bool active: true
    property bool selected: false
    property bool danger: false
    signal clicked()
    implicitWidth: Math.max(160, t.implicitWidth + 40)
    implicitHeight: 64
    radius: 10
    color: !active ? theme.disabledBg : selected ? theme.primary : danger ? theme.accent : "white"
    border.color: active ? (danger ? theme.accent : theme.primary) : theme.disabledText
    border.width: 2
    opacity: m.pressed ? 0.8 : 1.0
    Text {
        id: t
        anchors.centerIn: parent
        text: b.label
        color: !b.active ? theme.disabledText : (b.selected || b.danger) ? "white" : theme.primary
        font.pointSize: theme.labelSize; font.bold: true
    }
    MouseArea { id: m; anchors.fill: parent; onClicked: if (b.active) b.clicked() }
    activeFocusOnTab: true
    Keys.onReturnPressed: if (b.active) b.clicked()
    Keys.onEnterPressed: if (b.active) b.clicked()
    Keys.onSpacePressed: if (b.active) b.clicked()
    FocusRing {}
}
