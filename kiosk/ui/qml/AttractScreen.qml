// Idle screen: hall name, date and time, "touch to start", the hall's announcements.
// Tells passers-by right away when queue tickets cannot be printed, before anyone starts.
import QtQuick

Item {
    id: screen

    TouchArea {
        objectName: "attractArea"
        onActivated: kiosk.start()
    }

    Column {
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: 40
        Text {
            objectName: "attractHallName"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: kiosk.hallName
            color: theme.text; font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            objectName: "attractClock"
            // The hall's day and time, as in the header and on paper (kiosk.clock), never
            // this terminal's own clock (a terminal set to UTC would be 8 hours off).
            text: kiosk.clock
            color: theme.mutedText; font.pointSize: theme.titleSize
        }
        // 暂停服务: technician mode, or taken out of service with a reason.
        Text {
            objectName: "attractPaused"
            visible: tech.paused
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: "⚠ " + (tech.pausedReason ? qsTr("暂停服务：%1").arg(tech.pausedReason) : qsTr("暂停服务"))
            color: theme.warning; font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Rectangle {
            objectName: "touchToStart"
            visible: !tech.paused
            anchors.horizontalCenter: parent.horizontalCenter
            width: startText.implicitWidth + 120; height: theme.buttonHeight
            radius: height / 2
            color: theme.primary
            Text {
                id: startText
                anchors.centerIn: parent
                text: "☝ " + qsTr("请触摸屏幕开始")
                color: theme.primaryText; font.pointSize: theme.titleSize; font.bold: true
            }
            SequentialAnimation on scale {
                loops: Animation.Infinite
                NumberAnimation { to: 1.05; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { to: 1.0; duration: 900; easing.type: Easing.InOutQuad }
            }
        }
        // The hall's announcements (opening hours, a counter closed today): kiosk config.
        Repeater {
            model: kiosk.announcements
            Text {
                objectName: "announcement_" + index
                width: parent.width; horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: modelData
                color: theme.text; font.pointSize: theme.bodySize
            }
        }
        Text {
            objectName: "attractNotice"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: !kiosk.ticketService.available
            text: "⚠ " + qsTr("取号暂停：%1").arg(kiosk.ticketService.reason)
            color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
        }
    }
}
