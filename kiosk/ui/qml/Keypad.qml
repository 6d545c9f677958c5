// Our own on-screen number pad (no Qt Virtual Keyboard: it is GPLv3). Large keys in a
// telephone layout, a display of what was typed, delete and clear. Emits `submitted`
// with the digits when the confirm key is pressed with at least `minLength` digits.
// `showDisplay: false` for screens that show the value their own way (a phone number).
import QtQuick

Column {
    id: pad
    property int minLength: 6
    property int maxLength: 6
    property string value: ""
    property string confirmLabel: qsTr("确定")
    property bool showDisplay: true
    property bool secret: false         // a PIN: dots, not the digits
    signal submitted(string value)
    spacing: theme.spacing / 2

    readonly property int keySize: kiosk.elderMode ? 130 : 104

    Rectangle {
        visible: pad.showDisplay
        width: pad.keySize * 3 + pad.spacing * 2; height: pad.keySize * 0.9
        radius: 12; color: "white"; border.color: theme.primary; border.width: 3
        Text {
            objectName: "keypadDisplay"
            anchors.centerIn: parent
            // Up to 11 digits (a mobile number) must fit: shrink rather than overflow.
            width: parent.width - 24
            horizontalAlignment: Text.AlignHCenter
            fontSizeMode: Text.HorizontalFit
            minimumPointSize: theme.labelSize
            // Digits spaced out and placeholders for the missing ones: easy to check.
            text: {
                var shown = (pad.secret ? pad.value.replace(/./g, "●") : pad.value).split("").join(" ");
                var left = Math.max(0, pad.minLength - pad.value.length);
                return shown + (left > 0 ? (pad.value ? " " : "") + Array(left + 1).join("_ ").trim() : "");
            }
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            font.letterSpacing: 4
        }
    }

    Grid {
        columns: 3
        spacing: pad.spacing
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del"]
            delegate: Rectangle {
                objectName: "key_" + modelData
                width: pad.keySize; height: pad.keySize * 0.8
                radius: 12
                color: keyMouse.pressed ? theme.disabledBg : "white"
                border.color: theme.primary; border.width: 2
                Text {
                    anchors.centerIn: parent
                    width: parent.width - 12
                    horizontalAlignment: Text.AlignHCenter
                    fontSizeMode: Text.HorizontalFit
                    minimumPointSize: 10
                    text: modelData === "clear" ? qsTr("清空") : modelData === "del" ? "⌫ " + qsTr("删除") : modelData
                    color: theme.primary
                    font.pointSize: modelData.length === 1 ? theme.titleSize : theme.labelSize
                    font.bold: true
                }
                TouchArea {
                    id: keyMouse
                    onActivated: {
                        if (modelData === "clear") pad.value = "";
                        else if (modelData === "del") pad.value = pad.value.slice(0, -1);
                        else if (pad.value.length < pad.maxLength) pad.value += modelData;
                    }
                }
            }
        }
    }

    BigButton {
        objectName: "keypadConfirm"
        width: pad.keySize * 3 + pad.spacing * 2
        implicitHeight: theme.smallButtonHeight + 16
        centered: true
        label: pad.confirmLabel
        // Greyed until enough digits: not "out of service", so no reason line.
        available: pad.value.length >= pad.minLength
        onClicked: pad.submitted(pad.value)
    }
}
