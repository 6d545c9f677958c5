// 好差评: five levels, largest first. (Reasons for the two lowest come with the
// services issue; for now every level is stored as a rating transaction.)
import QtQuick

Item {
    readonly property var labels: ({
        "very_satisfied": qsTr("非常满意"), "satisfied": qsTr("满意"),
        "basically_satisfied": qsTr("基本满意"), "dissatisfied": qsTr("不满意"),
        "very_dissatisfied": qsTr("非常不满意")
    })

    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: qsTr("请对本次服务进行评价")
            hint: qsTr("您的评价帮助我们改进服务")
        }
        Repeater {
            model: kiosk.ratingLevels
            delegate: BigButton {
                objectName: "rate_" + modelData
                width: parent.width
                implicitHeight: theme.smallButtonHeight + 40
                secondary: true
                label: labels[modelData]
                onClicked: kiosk.rate(modelData)
            }
        }
        BigButton {
            objectName: "skipRating"
            width: parent.width / 2
            implicitHeight: theme.smallButtonHeight
            secondary: true
            label: qsTr("跳过")
            onClicked: kiosk.finish()
        }
    }
}
