// Payments, the outcome: paid (take the receipt), or what happened and what to do; the
// order number wherever the citizen may need to quote it.
import QtQuick

Item {
    readonly property var r: pay.outcome
    readonly property bool paid: r.status === "paid"

    Spoken { texts: [title, message, amount, receipt] }

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5

        Text {
            id: title
            objectName: "payResultTitle"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: r.title !== ""
            text: (paid ? "✓ " : "⚠ ") + r.title
            color: paid ? theme.success : theme.warning
            font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Text {
            id: message
            objectName: "payResultMessage"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: r.message !== ""
            text: (r.title === "" ? "⚠ " : "") + r.message
            color: r.title === "" ? theme.warning : theme.text
            font.pointSize: r.title === "" ? theme.titleSize : theme.bodySize + 4; font.bold: true
        }
        Text {
            id: amount
            objectName: "payResultAmount"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: paid
            text: qsTr("%1 已缴纳 %2").arg(r.plate).arg(r.amount)
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            objectName: "payOrderId"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WrapAnywhere
            visible: r.orderId !== "" && (paid || r.status === "unknown")
            text: qsTr("订单号：%1").arg(r.orderId)
            color: theme.text; font.pointSize: theme.bodySize + 4; font.bold: true
        }
        Text {
            id: receipt
            objectName: "payReceipt"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: r.receipt !== ""
            text: r.printed ? "▼ " + r.receipt + " ▼" : "⚠ " + r.receipt
            color: r.printed ? theme.primary : theme.warning
            font.pointSize: theme.bodySize + 4; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: qsTr("请记得取回您的身份证。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: theme.spacing
            BigButton {
                objectName: "payRetry"
                visible: r.canRetry
                width: kiosk.elderMode ? 520 : 440; centered: true
                label: qsTr("重新支付")
                onClicked: pay.retry()
            }
            BigButton {
                objectName: "payMore"
                visible: r.canPayMore
                width: kiosk.elderMode ? 520 : 440; centered: true
                label: qsTr("缴纳下一辆车")
                onClicked: pay.payMore()
            }
        }
    }

    NavBar {
        showBack: false
        end: function () { if (paid || r.status === "already_paid") pay.done(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
