// A header toggle. Selection is shown by a tick and an outline, not by colour alone.
import QtQuick

Rectangle {
    id: chip
    property string label
    property bool selected: false
    signal clicked()

    width: Math.max(theme.smallButtonHeight, chipText.implicitWidth + 40)
    height: theme.smallButtonHeight
    radius: 8
    color: selected ? "white" : "transparent"
    border.color: "white"; border.width: 2

    Text {
        id: chipText
        anchors.centerIn: parent
        text: (chip.selected ? "✓ " : "") + chip.label
        color: chip.selected ? theme.headerBg : "white"
        font.pointSize: theme.labelSize; font.bold: chip.selected
    }
    MouseArea { anchors.fill: parent; onClicked: chip.clicked() }
    activeFocusOnTab: true
    Keys.onReturnPressed: chip.clicked()
    Keys.onEnterPressed: chip.clicked()
    Keys.onSpacePressed: chip.clicked()
    FocusRing {}
}
