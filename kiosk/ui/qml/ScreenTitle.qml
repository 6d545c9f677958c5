// The question a screen asks, large and dark, with an optional hint below.
import QtQuick

Column {
    property alias text: title.text
    property alias hint: hintText.text
    spacing: 12
    // Voice guidance reads the question (and its hint) when the screen appears and when
    // the language changes.
    function speak() { kiosk.speak(qsTr("%1。%2").arg(title.text).arg(hintText.text)) }
    Component.onCompleted: speak()
    onTextChanged: speak()
    Text {
        id: title
        width: parent.width
        wrapMode: Text.WordWrap
        color: theme.text; font.pointSize: theme.titleSize; font.bold: true
    }
    Text {
        id: hintText
        width: parent.width
        visible: text !== ""
        wrapMode: Text.WordWrap
        color: theme.mutedText; font.pointSize: theme.bodySize
    }
}
