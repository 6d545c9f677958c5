// Network and sync: the hall reachable and how fast, last success / error, the outbox,
// the quarantined rows with the hall's reasons (retry one, export all), sync now.
import QtQuick

Column {
    spacing: 12
    readonly property var n: tech.network
    Grid {
        columns: 2; columnSpacing: 32; rowSpacing: 8
        Repeater {
            model: [
                [qsTr("大厅连接"), n.reachable ? "✔ " + qsTr("可连接") + " (" + n.rtt + ")"
                                              : "⚠ " + qsTr("连接不上") + (n.hallError ? " (" + n.hallError + ")" : "")],
                [qsTr("上次成功"), n.lastSuccess || qsTr("从未")],
                [qsTr("上次错误"), n.lastError || "-"],
                [qsTr("待上传"), (n.depth || 0) + (n.oldest ? "  (" + qsTr("最早的已等 %1").arg(n.oldest) + ")" : "")],
                [qsTr("事项目录"), n.catalog || ""],
                [qsTr("大厅签名"), !n.sigChecked ? qsTr("不校验（未配置大厅公钥）")
                                  : n.sigProblem ? "⚠ " + qsTr("无法校验，大厅下发的一律不用：%1").arg(n.sigProblem)
                                  : "✔ " + qsTr("已校验（密钥 %1）").arg(n.sigKeys)],
                [qsTr("软件版本"), n.version || ""]]
            Text {
                objectName: "techNet_" + index
                text: qsTr("%1：%2").arg(modelData[0]).arg(modelData[1])
                color: theme.text; font.pointSize: theme.bodySize
            }
        }
    }
    // The hall's documents kept out because their signature failed: the terminal goes on
    // with the last good one (offline_cache/signatures.py).
    Repeater {
        model: n.refused || []
        Text {
            objectName: "techRefused_" + index
            text: "⚠ " + qsTr("已拒收%1（%2，自 %3 起）：签名不符，仍用上次的").arg(documentName(modelData.name))
                                                                .arg(modelData.code).arg(modelData.since)
            color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
        }
    }
    function documentName(name) {
        return name === "catalog" ? qsTr("事项目录") : name === "config" ? qsTr("终端配置")
             : name === "locker_assignments" ? qsTr("柜门分配") : name
    }
    Row {
        spacing: 12
        TechButton { objectName: "techSyncNow"; label: qsTr("立即同步"); onClicked: tech.syncNow() }
        TechButton { objectName: "techRefreshNet"; label: qsTr("刷新"); onClicked: tech.setTab("network") }
        TechButton { objectName: "techExportQuarantine"; label: qsTr("导出隔离记录")
                     active: n.quarantine && n.quarantine.length > 0
                     onClicked: tech.exportQuarantine() }
    }
    Text {
        text: qsTr("隔离的记录（大厅拒收或无法发送）：%1 条").arg(n.quarantine ? n.quarantine.length : 0)
        color: theme.text; font.pointSize: theme.bodySize; font.bold: true
    }
    Repeater {
        model: n.quarantine || []
        Rectangle {
            width: 1800; height: 80; radius: 8; color: "white"; border.color: theme.warning; border.width: 2
            Text {
                objectName: "techQuarantine_" + index
                anchors { left: parent.left; leftMargin: 16; verticalCenter: parent.verticalCenter
                          right: retry.left; rightMargin: 16 }
                elide: Text.ElideRight
                text: modelData.kind + "  " + modelData.at + "  " + modelData.reason + "  [" + modelData.id.slice(0, 8) + "]"
                color: theme.text; font.pointSize: theme.labelSize
            }
            TechButton {
                id: retry
                objectName: "techRetry_" + index
                anchors { right: parent.right; rightMargin: 8; verticalCenter: parent.verticalCenter }
                label: qsTr("重新发送")
                onClicked: tech.retryRow(modelData.id)
            }
        }
    }
}
