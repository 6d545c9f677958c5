// Overview: every device with its state, consumables, what to do, identity and counters.
// A card opens that device's checks.
import QtQuick

Flickable {
    contentHeight: grid.height
    clip: true
    Grid {
        id: grid
        width: parent.width
        columns: 3
        spacing: 16
        Repeater {
            model: tech.devices
            Rectangle {
                objectName: "techDevice_" + modelData.name
                width: (grid.width - 32) / 3
                height: card.implicitHeight + 32
                radius: 12; color: "white"
                border.color: modelData.ok ? theme.primary : theme.warning
                border.width: modelData.ok ? 2 : 4
                Column {
                    id: card
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: 16 }
                    spacing: 6
                    Text {
                        width: parent.width; elide: Text.ElideRight
                        text: (modelData.ok ? "✔ " : "⚠ ") + modelData.name + "  (" + modelData.kind + ")"
                        color: modelData.ok ? theme.text : theme.warning
                        font.pointSize: theme.bodySize; font.bold: true
                    }
                    Text {
                        objectName: "techDeviceState_" + modelData.name
                        width: parent.width; wrapMode: Text.WordWrap
                        text: modelData.state + (modelData.consumables ? "  ·  " + modelData.consumables : "")
                        color: theme.text; font.pointSize: theme.labelSize
                    }
                    Text {
                        objectName: "techDeviceProblem_" + modelData.name
                        visible: modelData.problem !== ""
                        width: parent.width; wrapMode: Text.WordWrap
                        text: modelData.problem + " → " + modelData.action
                        color: theme.warning; font.pointSize: theme.labelSize; font.bold: true
                    }
                    Text {
                        visible: modelData.info !== ""
                        width: parent.width; wrapMode: Text.WordWrap; maximumLineCount: 2; elide: Text.ElideRight
                        text: modelData.info
                        color: theme.mutedText; font.pointSize: theme.labelSize - 4
                    }
                    Text {
                        width: parent.width; wrapMode: Text.WordWrap
                        text: qsTr("计数：") + (modelData.counters || "-")
                              + (modelData.resetAt ? "  (" + qsTr("清零于 %1").arg(modelData.resetAt) + ")" : "")
                        color: theme.mutedText; font.pointSize: theme.labelSize - 4
                    }
                }
                TouchArea {
                    onActivated: { tech.selectDevice(modelData.name); tech.setTab("devices") }
                }
            }
        }
    }
}
