// 好差评: after one of the two lowest levels, what went wrong (one touch).
import QtQuick

Item {
    readonly property var labels: ({
        "long_wait": qsTr("等候时间太长"), "hard_to_use": qsTr("机器操作太复杂"),
        "device_fault": qsTr("设备出了故障"), "unclear_guidance": qsTr("办事指引说得不清楚"),
        "staff_attitude": qsTr("工作人员服务态度"), "other": qsTr("其他原因")
    })

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: qsTr("请告诉我们哪里做得不好")
            hint: qsTr("选一项最主要的原因，我们会认真改进。")
        }
        Grid {
            columns: 2
            spacing: theme.spacing
            Repeater {
                model: rating.reasons
                delegate: BigButton {
                    objectName: "reason_" + modelData
                    width: (body.width - theme.spacing) / 2
                    secondary: true
                    label: labels[modelData]
                    onClicked: rating.rateReason(modelData)
                }
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }
}
