// Applications, the outcome: the reference to quote, the receipt to take.
import QtQuick

Item {
    readonly property bool accepted: apply.reference !== ""

    Spoken { texts: [title, failure, reference, receipt] }

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5
        Text {
            id: title
            objectName: "applicationTitle"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: accepted ? qsTr("%1 已受理").arg(apply.title)
                           : "⚠ " + qsTr("没有登记成功，请到窗口办理。")
            color: accepted ? theme.success : theme.warning
            font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Text {
            id: failure
            objectName: "applicationFailure"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: !accepted && apply.failure !== ""
            text: apply.failure
            color: theme.text; font.pointSize: theme.bodySize + 4
        }
        Text {
            id: reference
            objectName: "applicationReference"
            width: parent.width; horizontalAlignment: Text.AlignHCenter
            visible: accepted
            text: qsTr("受理编号：%1").arg(apply.reference)
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            id: receipt
            objectName: "applicationReceipt"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            visible: accepted
            text: apply.printError !== "" ? apply.printError
                                                      : "▼ " + qsTr("请取走受理回执") + " ▼"
            color: apply.printError !== "" ? theme.warning : theme.primary
            font.pointSize: theme.bodySize + 4; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: qsTr("请记得取回您的身份证。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
    }

    NavBar {
        showBack: false
        end: function () { if (accepted) apply.done(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
