// The issued number, how many wait ahead, and "take your ticket". If the ticket did not
// print, the number is still valid: say so and ask the citizen to note it. A number
// taken for an appointment is marked "预约号" under it, as on its receipt.
import QtQuick

Item {
    readonly property bool issued: queue.ticket.number !== ""

    Spoken { texts: [numberTitle, number, waiting, takeTicket, problem] }

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 48 }
        width: parent.width * 0.8
        spacing: theme.spacing

        Text {
            id: numberTitle
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: issued
            text: qsTr("您的号码")
            color: theme.text; font.pointSize: theme.titleSize
        }
        Text {
            id: number
            objectName: "ticketNumber"
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: issued
            text: queue.ticket.number
            color: theme.accent; font.pointSize: theme.hugeSize; font.bold: true
        }
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            visible: issued && queue.ticket.appointment
            width: appointmentMark.implicitWidth + 48; height: appointmentMark.implicitHeight + 16
            radius: height / 2
            color: "white"; border.color: theme.accent; border.width: 3
            Text {
                id: appointmentMark
                objectName: "appointmentMark"
                anchors.centerIn: parent
                text: qsTr("预约号")
                color: theme.accent; font.pointSize: theme.bodySize + 4; font.bold: true
            }
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: issued
            id: waiting
            objectName: "ticketWaiting"
            // Numbered offline, the terminal knows only its own tickets: no count then.
            text: queue.choice + "    " + (queue.ticket.aheadKnown
                      ? qsTr("前面还有 %1 人等候").arg(queue.ticket.waitingAhead)
                      : qsTr("等候人数请看叫号屏"))
            color: theme.text; font.pointSize: theme.bodySize + 4
        }
        Text {
            id: takeTicket
            objectName: "takeTicket"
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: issued && queue.ticket.printed
            text: "▼ " + qsTr("请取走凭条") + " ▼"
            color: theme.primary; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            id: problem
            objectName: "ticketProblem"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: text !== ""
            text: issued ? queue.ticket.printError : queue.notice
            color: theme.warning; font.pointSize: theme.bodySize + 4; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: issued
            text: qsTr("请留意叫号屏和广播。如使用了身份证，请记得取回。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
    }

    NavBar {
        showBack: false
        end: function () { if (issued) queue.ticketTaken(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
