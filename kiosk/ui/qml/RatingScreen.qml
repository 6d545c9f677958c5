// 好差评: five levels side by side, best on the left, each a large tile with its words
// (and a bar of filled squares, so the order is not told by colour). Reasons for the
// two lowest levels come with the services issue; every level is stored as a rating.
import QtQuick

Item {
    readonly property var labels: ({
        "very_satisfied": qsTr("非常满意"), "satisfied": qsTr("满意"),
        "basically_satisfied": qsTr("基本满意"), "dissatisfied": qsTr("不满意"),
        "very_dissatisfied": qsTr("非常不满意")
    })

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing * 1.5
        ScreenTitle {
            width: parent.width
            text: qsTr("请对本次服务进行评价")
            hint: qsTr("您的评价帮助我们改进服务")
        }
        Row {
            spacing: theme.spacing
            Repeater {
                model: rating.levels
                delegate: Rectangle {
                    id: tile
                    objectName: "rate_" + modelData
                    readonly property int stars: 5 - index
                    width: (body.width - 4 * theme.spacing) / 5
                    height: theme.buttonHeight * 2
                    radius: 16
                    color: "white"; border.color: theme.primary; border.width: 3
                    opacity: tileMouse.pressed ? 0.7 : 1.0
                    Column {
                        anchors.centerIn: parent
                        width: parent.width - 24
                        spacing: 16
                        Row {
                            anchors.horizontalCenter: parent.horizontalCenter
                            spacing: 6
                            Repeater {
                                model: 5
                                Rectangle {
                                    width: 18; height: 18; radius: 3
                                    color: index < tile.stars ? theme.primary : "transparent"
                                    border.color: theme.primary; border.width: 2
                                }
                            }
                        }
                        Text {
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                            text: labels[modelData]
                            color: theme.text; font.pointSize: theme.buttonTextSize; font.bold: true
                        }
                    }
                    TouchArea { id: tileMouse; onActivated: rating.rate(modelData) }
                }
            }
        }
    }

    NavBar {
        showBack: false
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
