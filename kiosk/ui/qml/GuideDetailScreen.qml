// One guide: what to bring, how long, what it costs, where to go; printable.
import QtQuick

Item {
    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 56 }
        spacing: theme.spacing

        Text {
            objectName: "guideName"
            width: parent.width; wrapMode: Text.WordWrap
            text: guides.detail.name || ""
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Row {
            spacing: theme.spacing * 2
            Column {
                width: body.width * 0.55
                spacing: 8
                Text { text: qsTr("所需材料"); color: theme.primary
                       font.pointSize: theme.bodySize; font.bold: true }
                Repeater {
                    model: guides.detail.materials || []
                    delegate: Text {
                        width: body.width * 0.55; wrapMode: Text.WordWrap
                        text: (index + 1) + ". " + modelData
                        color: theme.text; font.pointSize: theme.bodySize
                    }
                }
            }
            Column {
                width: body.width * 0.4
                spacing: 8
                Repeater {
                    model: [ { label: qsTr("办理时限"), value: guides.detail.timeLimit },
                             { label: qsTr("收费标准"), value: guides.detail.fees },
                             { label: qsTr("办理地点"), value: guides.detail.where } ]
                    delegate: Column {
                        width: body.width * 0.4
                        spacing: 4
                        Text { text: modelData.label; color: theme.primary
                               font.pointSize: theme.bodySize; font.bold: true }
                        Text { width: parent.width; wrapMode: Text.WordWrap
                               text: modelData.value || ""
                               color: theme.text; font.pointSize: theme.bodySize }
                    }
                }
            }
        }
        Row {
            spacing: theme.spacing
            BigButton {
                objectName: "printGuide"
                width: 420
                centered: true
                // The receipt printer: the queue-ticket service says whether it can print.
                available: kiosk.ticketService.available
                reason: kiosk.ticketService.reason
                label: qsTr("打印这份指南")
                onClicked: guides.print()
            }
        }
        Text {
            objectName: "guidePrintStatus"
            visible: text !== ""
            text: (guides.detail.printStatus || "")
            color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
        }
    }
    NavBar {
        end: function () { guides.done() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
