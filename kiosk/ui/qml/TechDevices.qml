// Per device: pick one, run its checks (internal / external / interactive), see the
// result in words with the action and the raw detail; a running check shows how long
// it has run and can be cancelled; a camera has a live preview with the face box and the
// quality gate's verdict.
import QtQuick

Row {
    id: page
    spacing: 24
    readonly property var current: {
        for (var i = 0; i < tech.devices.length; i++)
            if (tech.devices[i].name === tech.device) return tech.devices[i];
        return null;
    }

    Column {
        width: 300
        spacing: 12
        Repeater {
            model: tech.devices
            TechButton {
                objectName: "techPick_" + modelData.name
                width: 300
                label: (modelData.ok ? "✔ " : "⚠ ") + modelData.name
                selected: tech.device === modelData.name
                active: !tech.checkRunning
                onClicked: tech.selectDevice(modelData.name)
            }
        }
    }

    Column {
        width: page.width - 324
        spacing: 16
        visible: page.current !== null
        Text {
            text: page.current ? page.current.name + " · " + page.current.state
                                 + (page.current.problem ? " · " + page.current.problem : "") : ""
            color: theme.text; font.pointSize: theme.titleSize - 8; font.bold: true
        }
        Row {
            spacing: 12
            visible: page.current !== null && page.current.kind === "locker"
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("柜门号")
                color: theme.text; font.pointSize: theme.bodySize
            }
            TechButton { objectName: "techDoorDown"; label: "−"; implicitWidth: 80
                         onClicked: tech.setDoor(tech.door - 1) }
            Text {
                objectName: "techDoor"
                anchors.verticalCenter: parent.verticalCenter
                text: tech.door
                color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            }
            TechButton { objectName: "techDoorUp"; label: "+"; implicitWidth: 80
                         onClicked: tech.setDoor(tech.door + 1) }
        }
        Row {
            spacing: 12
            Repeater {
                model: page.current ? page.current.checks : []
                Rectangle {
                    objectName: "techCheck_" + modelData.level
                    width: 440; height: checkText.implicitHeight + 32; radius: 12
                    color: tech.checkRunning ? theme.disabledBg : theme.primary
                    Column {
                        id: checkText
                        anchors.centerIn: parent
                        width: parent.width - 24
                        spacing: 4
                        Text {
                            width: parent.width; horizontalAlignment: Text.AlignHCenter
                            text: modelData.level === "internal" ? qsTr("内部检测")
                                  : modelData.level === "external" ? qsTr("外部检测") : qsTr("交互检测")
                            color: tech.checkRunning ? theme.disabledText : "white"
                            font.pointSize: theme.bodySize; font.bold: true
                        }
                        Text {
                            width: parent.width; horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.WordWrap
                            text: modelData.what
                            color: tech.checkRunning ? theme.disabledText : "white"
                            font.pointSize: theme.labelSize - 4
                        }
                    }
                    TouchArea { onActivated: tech.runCheck(modelData.level) }
                }
            }
        }
        // The camera's live preview: the face box the quality gate found, its verdict.
        Row {
            spacing: 12
            visible: page.current !== null && page.current.kind === "camera" && !tech.checkRunning
            TechButton { objectName: "techPreview"; visible: !tech.previewOn
                         label: qsTr("实时预览"); onClicked: tech.startPreview() }
            TechButton { objectName: "techPreviewStop"; visible: tech.previewOn
                         label: qsTr("停止预览"); onClicked: tech.stopPreview() }
        }
        Row {
            visible: tech.previewOn
            spacing: 20
            Rectangle {
                width: 480; height: 360; color: "black"; radius: 8
                Image {
                    objectName: "techPreviewImage"
                    anchors.fill: parent; anchors.margins: 4
                    fillMode: Image.PreserveAspectFit
                    cache: false
                    source: tech.previewSource
                }
                Text {
                    visible: tech.previewSource === ""
                    anchors.centerIn: parent
                    text: qsTr("正在打开摄像头…")
                    color: "white"; font.pointSize: theme.bodySize
                }
            }
            Column {
                width: parent.parent.width - 500
                spacing: 8
                Text {
                    objectName: "techPreviewVerdict"
                    width: parent.width; wrapMode: Text.WordWrap
                    text: tech.previewVerdict.reason === undefined ? ""
                          : (tech.previewVerdict.ok ? "✔ " + qsTr("人脸合格")
                                                    : "⚠ " + tech.previewVerdict.text)
                    color: tech.previewVerdict.ok ? theme.text : theme.warning
                    font.pointSize: theme.titleSize - 8; font.bold: true
                }
                Text {
                    objectName: "techPreviewDetail"
                    width: parent.width; wrapMode: Text.WordWrap
                    text: tech.previewVerdict.detail || ""
                    font.family: "monospace"
                    color: theme.mutedText; font.pointSize: theme.labelSize - 6
                }
            }
        }
        Row {
            visible: tech.checkRunning
            spacing: 24
            Spinner { width: 64; height: 64 }
            Text {
                objectName: "techCheckProgress"
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("正在检测… 已用 %1 秒").arg(tech.checkElapsed)
                color: theme.text; font.pointSize: theme.bodySize
            }
            TechButton {
                objectName: "techCheckCancel"
                label: qsTr("取消检测")
                danger: true
                onClicked: tech.cancelCheck()
            }
        }
        Rectangle {
            visible: !tech.checkRunning && tech.checkResult.device === tech.device
            width: parent.width; height: resultCol.implicitHeight + 32
            radius: 12; color: "white"
            border.color: tech.checkResult.ok ? theme.primary : theme.warning; border.width: 3
            Column {
                id: resultCol
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 16 }
                spacing: 8
                Text {
                    objectName: "techCheckResult"
                    width: parent.width; wrapMode: Text.WordWrap
                    text: (tech.checkResult.ok ? "✔ " : "⚠ ") + (tech.checkResult.problem || "")
                    color: tech.checkResult.ok ? theme.text : theme.warning
                    font.pointSize: theme.titleSize - 8; font.bold: true
                }
                Text {
                    objectName: "techCheckAction"
                    width: parent.width; wrapMode: Text.WordWrap
                    text: qsTr("建议：") + (tech.checkResult.action || "")
                    color: theme.text; font.pointSize: theme.bodySize
                }
                Text {
                    objectName: "techCheckDetail"
                    width: parent.width; wrapMode: Text.WrapAnywhere
                    maximumLineCount: 14; elide: Text.ElideRight
                    text: tech.checkResult.detail || ""
                    font.family: "monospace"
                    color: theme.mutedText; font.pointSize: theme.labelSize - 6
                }
            }
        }
    }
}
