// Certificates, the outcome: take the pages, or why there are none and what to do.
import QtQuick

Item {
    readonly property bool printed: document.outcome === "ok"

    Spoken { texts: [title, message] }

    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5
        Text {
            id: title
            objectName: "documentTitle"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: printed ? qsTr("《%1》已打印").arg(document.title) : document.title
            color: printed ? theme.success : theme.text
            font.pointSize: theme.titleSize + 8; font.bold: true
        }
        Text {
            id: message
            objectName: "documentMessage"
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: (printed ? "▼ " : "⚠ ") + document.message
            color: printed ? theme.primary : theme.warning
            font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            width: parent.width; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            text: qsTr("请记得取回您的身份证。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
    }

    NavBar {
        showBack: false
        end: function () { if (printed) document.taken(); else kiosk.finish() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
