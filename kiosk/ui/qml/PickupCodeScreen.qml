// 自助取件, step 1: the pickup code from the SMS, on our own keypad.
import QtQuick

Item {
    Row {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: 64
        Column {
            width: parent.width * 0.45
            spacing: theme.spacing
            ScreenTitle {
                width: parent.width
                text: qsTr("请输入取件码")
                hint: qsTr("取件码在办好证件时收到的短信里，是 6 位数字。输入后请按“确定”，再放身份证。")
            }
            Text {
                id: pickupCodeNotice
                objectName: "pickupCodeNotice"
                width: parent.width
                visible: pickup.outcome !== ""
                text: "⚠ " + pickup.message
                wrapMode: Text.WordWrap
                color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
            }
        }
        Keypad {
            id: keypad
            onSubmitted: function (value) { pickup.submitCode(value) }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }

    Spoken { texts: [pickupCodeNotice] }
}
