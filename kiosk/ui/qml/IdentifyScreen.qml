// Place the ID card on the reader. Shows that the terminal is waiting, what went wrong
// if nothing was read, and (for consultation) that the card may be skipped.
import QtQuick

Item {
    Row {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: 64

        Column {
            width: parent.width * 0.55
            spacing: theme.spacing
            ScreenTitle {
                width: parent.width
                text: qsTr("请将身份证放在感应区")
                hint: qsTr("感应区在屏幕下方，标有身份证图案。放好后请不要移动。")
            }
            Row {
                spacing: 24
                visible: kiosk.readingCard
                Spinner { width: 64; height: 64 }
                Text {
                    objectName: "readingText"
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("正在等待读卡…")
                    color: theme.text; font.pointSize: theme.bodySize
                }
            }
            Text {
                objectName: "identifyNotice"
                width: parent.width
                visible: kiosk.notice !== ""
                text: "⚠ " + kiosk.notice
                wrapMode: Text.WordWrap
                color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
            }
            BigButton {
                objectName: "retryCard"
                width: parent.width
                visible: !kiosk.readingCard && kiosk.notice !== ""
                label: qsTr("重新读卡")
                onClicked: kiosk.readCard()
            }
            BigButton {
                objectName: "skipIdentity"
                width: parent.width
                visible: kiosk.identityOptional
                secondary: true
                label: qsTr("不刷身份证，直接取号")
                detail: qsTr("咨询业务可以不刷身份证")
                onClicked: kiosk.skipIdentity()
            }
        }

        // A drawing of a card lying on the reader, so the gesture is obvious.
        Item {
            width: parent.width * 0.35; height: width * 0.8
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: parent.height * 0.35; radius: 20
                color: "#D5DDE8"; border.color: theme.mutedText; border.width: 3
                Text {
                    anchors.centerIn: parent
                    text: qsTr("感应区")
                    color: theme.text; font.pointSize: theme.labelSize
                }
            }
            Rectangle {
                id: card
                width: parent.width * 0.7; height: width * 0.63; radius: 14
                x: (parent.width - width) / 2
                color: "#EAF2FB"; border.color: theme.primary; border.width: 4
                Text {
                    anchors.centerIn: parent
                    text: qsTr("身份证")
                    color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
                }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    running: kiosk.readingCard
                    NumberAnimation { from: 0; to: card.parent.height * 0.35; duration: 1400; easing.type: Easing.InOutQuad }
                    PauseAnimation { duration: 800 }
                }
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }
}
