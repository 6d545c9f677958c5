// A-Z keys in alphabetical order (easier than QWERTY for someone who rarely types),
// for searching by pinyin initials: 社保缴费 -> S B J F. Calls guides.key().
import QtQuick

Column {
    id: pad
    spacing: 8
    readonly property int keySize: kiosk.elderMode ? 84 : 66

    component Key: Rectangle {
        id: key
        property string code
        property string label: code
        width: pad.keySize; height: pad.keySize
        radius: 10
        color: keyMouse.pressed ? theme.disabledBg : "white"
        border.color: theme.primary; border.width: 2
        objectName: "letter_" + code
        Text {
            anchors.centerIn: parent
            text: key.label
            color: theme.primary; font.pointSize: theme.labelSize; font.bold: true
        }
        TouchArea { id: keyMouse; onActivated: guides.key(key.code) }
    }

    Grid {
        columns: 7
        spacing: 8
        Repeater {
            model: "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("")
            delegate: Key { code: modelData }
        }
    }
    Row {
        spacing: 8
        Key { code: "del"; label: "⌫ " + qsTr("删除"); width: pad.keySize * 2 + 8 }
        Key { code: "clear"; label: qsTr("清空"); width: pad.keySize * 2 + 8 }
    }
}
