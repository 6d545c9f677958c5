// Queries, the records: a table a page at a time (large rows, page buttons instead of
// scrolling), printable on the receipt printer.
import QtQuick

Item {
    readonly property var r: query.results

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 }
        spacing: theme.spacing

        Text {
            id: resultsTitle
            objectName: "resultsTitle"
            width: parent.width; wrapMode: Text.WordWrap
            text: r.ok ? qsTr("共 %1 条记录").arg(r.total)
                       : "⚠ " + qsTr("暂时查不到（网络或系统原因）。请稍后再试，或到窗口办理。")
            color: r.ok ? theme.text : theme.warning
            font.pointSize: theme.titleSize; font.bold: true
        }

        // The table: a header row and up to six rows.
        Column {
            visible: r.ok && r.total > 0
            width: parent.width
            spacing: 0
            Repeater {
                model: r.ok ? [r.columns].concat(r.rows) : []
                delegate: Rectangle {
                    id: rowItem
                    width: body.width; height: theme.smallButtonHeight
                    color: index === 0 ? theme.headerBg : (index % 2 ? "white" : theme.background)
                    border.color: theme.disabledBg
                    readonly property var cells: modelData
                    readonly property bool header: index === 0
                    Row {
                        anchors.fill: parent
                        Repeater {
                            model: rowItem.cells
                            delegate: Text {
                                objectName: rowItem.header ? "" : "cell"
                                width: body.width / rowItem.cells.length
                                height: rowItem.height
                                verticalAlignment: Text.AlignVCenter
                                horizontalAlignment: Text.AlignHCenter
                                text: modelData
                                color: rowItem.header ? "white" : theme.text
                                font.pointSize: theme.labelSize; font.bold: rowItem.header
                            }
                        }
                    }
                }
            }
        }
        Text {
            id: resultsEmpty
            objectName: "resultsEmpty"
            visible: r.ok && r.total === 0
            text: qsTr("没有查到记录。")
            color: theme.text; font.pointSize: theme.bodySize
        }

        Row {
            spacing: theme.spacing
            visible: r.ok && r.pages > 1
            BigButton {
                objectName: "prevPage"
                width: 260; implicitHeight: theme.smallButtonHeight
                secondary: true; centered: true
                available: r.page > 0
                label: "‹ " + qsTr("上一页")
                onClicked: query.turnPage(-1)
            }
            Text {
                objectName: "pageText"
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("第 %1 / %2 页").arg(r.page + 1).arg(r.pages)
                color: theme.text; font.pointSize: theme.bodySize
            }
            BigButton {
                objectName: "nextPage"
                width: 260; implicitHeight: theme.smallButtonHeight
                secondary: true; centered: true
                available: r.page + 1 < r.pages
                label: qsTr("下一页") + " ›"
                onClicked: query.turnPage(1)
            }
        }

        Row {
            spacing: theme.spacing
            BigButton {
                objectName: "printResults"
                visible: r.ok && r.total > 0
                width: 420; centered: true
                // The receipt printer: the queue-ticket service says whether it can print.
                available: kiosk.ticketService.available
                reason: kiosk.ticketService.reason
                label: qsTr("打印查询结果")
                onClicked: query.print()
            }
        }
        Text {
            id: resultsPrintStatus
            objectName: "resultsPrintStatus"
            visible: text !== ""
            text: r.printStatus || ""
            color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
        }
    }

    Spoken { texts: [resultsTitle, resultsEmpty, resultsPrintStatus] }

    NavBar {
        showBack: false
        end: function () { if (r.ok) query.done(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
