// What the citizen is told after 呼叫工作人员 (the header's button): someone is coming,
// or, with the hall out of reach, to wave to the staff. Under the header, over any
// screen, for STAFF_CALL_SHOWN_S (controller.py); it takes no touches.
import QtQuick

Rectangle {
    visible: kiosk.staffCallText !== ""
    width: Math.min(parent.width * 0.8, callText.implicitWidth + 96)
    height: callText.implicitHeight + 40
    radius: 16
    color: theme.headerBg
    border { width: 4; color: theme.focusInner }
    Text {
        id: callText
        objectName: "staffCallText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, parent.parent.width * 0.8 - 96)
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        text: "☎ " + kiosk.staffCallText
        color: "white"; font.pointSize: theme.titleSize; font.bold: true
    }
    Spoken { texts: [callText] }
}
