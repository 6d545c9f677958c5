// A mobile phone number on our own keypad. The number is shown above the keys in groups
// of 3-4-4 (138 0013 8000) with a mark for each digit still missing, so it is easy to
// check; "确定" is always offered and a wrong number is explained in words (the form
// screen shows why), rather than a greyed button that does not say what is missing.
import QtQuick

Column {
    id: field
    property string value: ""           // the earlier answer, when the citizen came back
    signal submitted(string digits)
    spacing: theme.spacing / 2

    readonly property int length: 11

    Rectangle {
        width: Math.max(keypad.width, shown.implicitWidth + 48)
        height: shown.implicitHeight + 32
        radius: 12; color: "white"; border.color: theme.primary; border.width: 3
        Text {
            id: shown
            objectName: "phoneDisplay"
            anchors.centerIn: parent
            text: {
                var digits = keypad.value, out = "";
                for (var i = 0; i < Math.max(field.length, digits.length); i++) {
                    if (i === 3 || i === 7) out += " ";
                    out += i < digits.length ? digits[i] : "_";
                }
                return out;
            }
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            font.letterSpacing: 8      // keeps the marks of missing digits apart
        }
    }

    Keypad {
        id: keypad
        objectName: "phoneKeypad"
        minLength: 0                    // always offered: a short number is explained
        maxLength: field.length
        value: field.value
        confirmLabel: qsTr("确定")
        onSubmitted: function (digits) { field.submitted(digits) }
        // Our display above replaces the keypad's own: it has no room for 11 digits.
        showDisplay: false
    }
}
