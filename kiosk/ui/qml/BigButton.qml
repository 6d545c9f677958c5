// The main touch target. A disabled button stays visible, greyed, marked "暂停服务"
// and says why (never colour alone, never a dead button).
import QtQuick

Rectangle {
    id: button
    property string label
    property string detail: ""          // second line, e.g. what the choice needs
    property string badge: ""           // e.g. the category letter
    property bool available: true
    property string reason: ""          // shown when not available
    property bool secondary: false
    property bool centered: false       // centre the label (single-action buttons)
    signal clicked()

    implicitHeight: Math.max(theme.buttonHeight, content.implicitHeight + 32)
    radius: 16
    color: !available ? theme.disabledBg : (secondary ? "white" : theme.primary)
    border.color: available ? theme.primary : theme.disabledText
    border.width: secondary || !available ? 3 : 0
    opacity: mouse.pressed ? 0.8 : 1.0
    // The hardware keypad: arrows bring the focus here, Enter or Space press.
    activeFocusOnTab: true
    Keys.onReturnPressed: if (button.available) button.clicked()
    Keys.onEnterPressed: if (button.available) button.clicked()
    Keys.onSpacePressed: if (button.available) button.clicked()
    FocusRing {}

    Row {
        id: content
        anchors { left: parent.left; leftMargin: 32; right: parent.right; rightMargin: 24
                  verticalCenter: parent.verticalCenter }
        spacing: 24
        Rectangle {
            visible: button.badge !== ""
            width: theme.buttonHeight * 0.6; height: width; radius: width / 2
            anchors.verticalCenter: parent.verticalCenter
            color: button.available && !button.secondary ? "white" : theme.primary
            Text {
                anchors.centerIn: parent
                text: button.badge
                color: button.available && !button.secondary ? theme.primary : "white"
                font.pointSize: theme.buttonTextSize; font.bold: true
            }
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width - (button.badge !== "" ? theme.buttonHeight * 0.6 + 24 : 0)
            spacing: 6
            Text {
                width: parent.width
                text: button.label
                wrapMode: Text.WordWrap
                horizontalAlignment: button.centered ? Text.AlignHCenter : Text.AlignLeft
                color: !button.available ? theme.disabledText
                       : (button.secondary ? theme.primary : theme.primaryText)
                font.pointSize: theme.buttonTextSize; font.bold: true
            }
            Text {
                width: parent.width
                visible: text !== ""
                // Greyed without a reason (e.g. no previous page): nothing to explain.
                text: button.available ? button.detail
                      : (button.reason !== "" ? "⚠ " + qsTr("暂停服务：%1").arg(button.reason) : "")
                wrapMode: Text.WordWrap
                color: !button.available ? theme.disabledText
                       : (button.secondary ? theme.mutedText : theme.primaryText)
                font.pointSize: theme.labelSize
            }
        }
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        onClicked: if (button.available) button.clicked()
    }
}
