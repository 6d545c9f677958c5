// What a screen tells the citizen besides its question (its outcome: the ticket number,
// the locker door, a print or payment result; a notice, an error): the texts it lists,
// as shown (the visible ones, in their order), read aloud after the question when voice
// guidance is on, and again whenever they change (a new outcome, another language).
// What is said is what is shown; the controller leaves out the marks (⚠ ▼ ✓).
import QtQuick

Item {
    id: spoken
    property var texts: []
    readonly property string sentence: texts.filter(t => t && t.visible && t.text !== "")
                                            .map(t => t.text).join("\n")
    visible: false
    // Later in this turn of the event loop: the question (ScreenTitle), which cancels
    // what is being read, goes first.
    function speak() { if (spoken.sentence !== "") kiosk.speakAfter(spoken.sentence) }
    onSentenceChanged: Qt.callLater(speak)
    Component.onCompleted: Qt.callLater(speak)
}
