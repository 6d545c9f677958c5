// Actions: out of service with a reason citizens read (and back), reset a device's
// counters (asked twice), the diagnostics bundle to a USB stick or this terminal.
import QtQuick

Column {
    id: page
    spacing: 20
    property string resetting: ""

    Text {
        text: tech.outOfService ? "⚠ " + qsTr("已暂停服务：%1").arg(tech.pausedReason)
                                : "✔ " + qsTr("服务中")
        objectName: "techServiceState"
        color: tech.outOfService ? theme.warning : theme.text
        font.pointSize: theme.bodySize; font.bold: true
    }
    Row {
        spacing: 12
        visible: !tech.outOfService
        Text { anchors.verticalCenter: parent.verticalCenter; text: qsTr("暂停服务，原因：")
               color: theme.text; font.pointSize: theme.bodySize }
        Repeater {
            model: tech.reasons
            TechButton { objectName: "techOut_" + index; label: modelData
                         onClicked: tech.takeOutOfService(modelData) }
        }
    }
    TechButton {
        objectName: "techBackInService"
        visible: tech.outOfService
        label: qsTr("恢复服务")
        onClicked: tech.backInService()
    }

    Text { text: qsTr("清零使用计数"); color: theme.text; font.pointSize: theme.bodySize; font.bold: true }
    Row {
        spacing: 12
        Repeater {
            model: tech.devices
            TechButton { objectName: "techReset_" + modelData.name; label: modelData.name
                         onClicked: page.resetting = modelData.name }
        }
    }
    Row {
        visible: page.resetting !== ""
        spacing: 12
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("确定清零 %1 的计数？清零后不能恢复。").arg(page.resetting)
            color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
        }
        TechButton { objectName: "techResetConfirm"; label: qsTr("确定清零"); danger: true
                     onClicked: { tech.resetCounters(page.resetting); page.resetting = "" } }
        TechButton { objectName: "techResetCancel"; label: qsTr("取消")
                     onClicked: page.resetting = "" }
    }

    Text { text: qsTr("诊断包（设备报告、计数、同步状态、日志、配置、版本）")
           color: theme.text; font.pointSize: theme.bodySize; font.bold: true }
    Row {
        spacing: 12
        TechButton { objectName: "techBundleUsb"; label: qsTr("导出到U盘"); onClicked: tech.writeBundle(true) }
        TechButton { objectName: "techBundleLocal"; label: qsTr("保存到本机"); onClicked: tech.writeBundle(false) }
    }
}
