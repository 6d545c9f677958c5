// Actions: out of service with a reason citizens read (and back), reset a device's
// counters (asked twice), the diagnostics bundle to a USB stick, this terminal or the hall, restart
// the app (asked twice; the devices and the database are closed first, nothing is lost).
import QtQuick

Column {
    id: page
    spacing: 20
    property string resetting: ""
    property bool restarting: false

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
        TechButton { objectName: "techBundleHall"; label: qsTr("上传到大厅"); onClicked: tech.uploadBundle() }
    }

    Text { text: qsTr("重启应用（关闭设备与数据库后重新启动，已办理的业务不会丢失）")
           color: theme.text; font.pointSize: theme.bodySize; font.bold: true }
    Row {
        spacing: 12
        TechButton { objectName: "techRestart"; label: qsTr("重启应用"); visible: !page.restarting
                     onClicked: page.restarting = true }
        Text {
            objectName: "techRestartAsk"
            visible: page.restarting
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("确定重启应用？约需十几秒，期间暂停服务。")
            color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
        }
        TechButton { objectName: "techRestartConfirm"; label: qsTr("确定重启"); danger: true
                     visible: page.restarting
                     onClicked: { page.restarting = false; tech.restartApp() } }
        TechButton { objectName: "techRestartCancel"; label: qsTr("取消"); visible: page.restarting
                     onClicked: page.restarting = false }
    }
}
