// Payments, step 1: the holder's vehicles and the tax due on each (a page at a time, large
// rows); touch a due one to pay it. Paid ones are shown, marked, and not touchable.
import QtQuick

Item {
    id: screen
    readonly property var d: pay.dues
    readonly property int perPage: kiosk.elderMode ? 3 : 4
    readonly property int pages: Math.max(1, Math.ceil(d.items.length / perPage))
    property int page: 0
    readonly property bool listing: d.ok && d.message === ""

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top
                  leftMargin: 96; rightMargin: 96; topMargin: 48 }
        spacing: theme.spacing

        ScreenTitle {
            width: parent.width
            visible: screen.listing
            text: qsTr("请选择要缴纳车船税的车辆")
            hint: qsTr("选好后用手机扫码支付")
        }
        Text {
            id: payNotice
            objectName: "payNotice"
            width: parent.width; wrapMode: Text.WordWrap
            visible: d.notice !== "" && !d.loading
            text: "ⓘ " + d.notice
            color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
        }

        // Loading: nothing for the first half second (no flicker), then a spinner.
        Row {
            objectName: "payLoading"
            visible: d.slow
            anchors.horizontalCenter: parent.horizontalCenter
            topPadding: 64
            spacing: theme.spacing
            Spinner { anchors.verticalCenter: parent.verticalCenter }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("正在查询您名下的车辆，请稍候…")
                color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            }
        }

        // No dues, or the hall cannot be reached: said plainly.
        Text {
            id: payItemsMessage
            objectName: "payItemsMessage"
            width: parent.width; wrapMode: Text.WordWrap
            topPadding: 64
            horizontalAlignment: Text.AlignHCenter
            visible: d.message !== ""
            text: (d.ok ? "" : "⚠ ") + d.message
            color: d.ok ? theme.text : theme.warning
            font.pointSize: theme.titleSize; font.bold: true
        }

        Repeater {
            model: screen.listing ? d.items.slice(screen.page * screen.perPage,
                                                  (screen.page + 1) * screen.perPage) : []
            delegate: Rectangle {
                id: row
                objectName: "payItem_" + modelData.itemId
                width: body.width; height: theme.buttonHeight
                radius: 16
                color: modelData.due ? "white" : theme.disabledBg
                border.color: modelData.due ? theme.primary : theme.disabledText
                border.width: 3
                opacity: mouse.pressed ? 0.8 : 1.0

                Column {
                    anchors { left: parent.left; leftMargin: 32; verticalCenter: parent.verticalCenter
                              right: amountText.left; rightMargin: 24 }
                    spacing: 6
                    Text {
                        width: parent.width; elide: Text.ElideRight
                        text: modelData.plate
                        color: theme.text; font.pointSize: theme.buttonTextSize; font.bold: true
                    }
                    Text {
                        width: parent.width; elide: Text.ElideRight
                        text: qsTr("%1 · %2 年度").arg(modelData.vehicle).arg(modelData.year)
                        color: theme.mutedText; font.pointSize: theme.labelSize
                    }
                }
                Text {
                    id: amountText
                    anchors { right: stateBox.left; rightMargin: 32; verticalCenter: parent.verticalCenter }
                    text: modelData.amount
                    color: modelData.due ? theme.accent : theme.disabledText
                    font.pointSize: theme.buttonTextSize; font.bold: true
                }
                Rectangle {
                    id: stateBox
                    anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
                    width: stateText.implicitWidth + 48; height: theme.smallButtonHeight
                    radius: 12
                    color: modelData.due ? theme.primary : "transparent"
                    Text {
                        id: stateText
                        anchors.centerIn: parent
                        text: modelData.due ? qsTr("去缴费") + " ›" : "✓ " + qsTr("已缴纳")
                        color: modelData.due ? theme.primaryText : theme.disabledText
                        font.pointSize: theme.labelSize + 2; font.bold: true
                    }
                }
                TouchArea {
                    id: mouse
                    enabled: modelData.due
                    onActivated: pay.choose(modelData.itemId)
                }
            }
        }

        Row {
            spacing: theme.spacing
            visible: screen.listing && screen.pages > 1
            BigButton {
                objectName: "payPrevPage"
                width: 260; implicitHeight: theme.smallButtonHeight
                secondary: true; centered: true
                available: screen.page > 0
                label: "‹ " + qsTr("上一页")
                onClicked: screen.page -= 1
            }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("第 %1 / %2 页").arg(screen.page + 1).arg(screen.pages)
                color: theme.text; font.pointSize: theme.bodySize
            }
            BigButton {
                objectName: "payNextPage"
                width: 260; implicitHeight: theme.smallButtonHeight
                secondary: true; centered: true
                available: screen.page + 1 < screen.pages
                label: qsTr("下一页") + " ›"
                onClicked: screen.page += 1
            }
        }

    }

    NavBar {
        showBack: false
        // Nothing due (all paid): the service did what was asked, on to the rating.
        end: function () { if (d.ok && d.message !== "") pay.done(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    Spoken { texts: [payNotice, payItemsMessage] }
}
