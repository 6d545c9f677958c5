// Technician mode over the whole window: the PIN on our own keypad, then (once the
// citizen being served is done) the tabs Overview, Devices, Network and sync, Logs,
// Actions. Everything comes from `tech` (kiosk/ui/parts/technician.py).
import QtQuick

Rectangle {
    id: screen
    objectName: "techScreen"
    color: theme.background

    // Touches inside technician mode keep it from exiting by itself.
    MouseArea { anchors.fill: parent }

    // -- the PIN ------------------------------------------------------------------------
    Column {
        visible: tech.phase === "pin"
        anchors.centerIn: parent
        spacing: theme.spacing / 2
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("技术员登录")
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("请输入技术员密码")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        Keypad {
            id: pinPad
            objectName: "techPinPad"
            anchors.horizontalCenter: parent.horizontalCenter
            minLength: 4; maxLength: 8
            secret: true
            confirmLabel: qsTr("登录")
            onSubmitted: function (value) { tech.submitPin(value); pinPad.value = "" }
        }
        Text {
            objectName: "techPinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            text: tech.message
            color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
        }
        TechButton {
            objectName: "techPinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            label: qsTr("取消")
            onClicked: tech.cancelPin()
        }
    }

    // -- waiting for the citizen ----------------------------------------------------------
    Column {
        visible: tech.phase === "waiting"
        anchors.centerIn: parent
        spacing: theme.spacing
        Text {
            objectName: "techWaiting"
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("等待当前市民办理结束后进入技术员模式")
            color: theme.text; font.pointSize: theme.titleSize; font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("市民办理结束或超时后自动进入；新的市民不能开始办理。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        Spinner { anchors.horizontalCenter: parent.horizontalCenter }
        TechButton {
            objectName: "techWaitCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            label: qsTr("取消")
            onClicked: tech.cancelPin()
        }
    }

    // -- technician mode --------------------------------------------------------------------
    Item {
        visible: tech.phase === "active"
        anchors.fill: parent

        Rectangle {
            id: bar
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 96
            color: theme.headerBg
            Text {
                anchors { left: parent.left; leftMargin: 32; verticalCenter: parent.verticalCenter
                          right: barButtons.left; rightMargin: 24 }
                elide: Text.ElideRight
                text: qsTr("技术员模式") + "  ·  " + kiosk.kioskId + "  ·  " + tech.role
                color: "white"; font.pointSize: theme.bodySize; font.bold: true
            }
            Row {
                id: barButtons
                anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
                spacing: 16
                Text {
                    objectName: "techIdle"
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("无操作 %1 秒后自动退出").arg(tech.idleLeft)
                    color: "white"; font.pointSize: theme.labelSize
                }
                TechButton {
                    objectName: "techLanguage"
                    label: kiosk.language === "en" ? "中文" : "English"
                    onClicked: kiosk.setLanguage(kiosk.language === "en" ? "zh_CN" : "en")
                }
                TechButton {
                    objectName: "techExit"
                    label: qsTr("退出技术员模式")
                    danger: true
                    onClicked: tech.exit()
                }
            }
        }

        Row {
            id: tabs
            anchors { left: parent.left; leftMargin: 24; top: bar.bottom; topMargin: 16 }
            spacing: 12
            Repeater {
                model: [["overview", qsTr("总览")], ["devices", qsTr("设备检测")],
                        ["network", qsTr("网络与同步")], ["logs", qsTr("日志")],
                        ["actions", qsTr("操作")]]
                TechButton {
                    objectName: "techTab_" + modelData[0]
                    label: modelData[1]
                    selected: tech.tab === modelData[0]
                    onClicked: tech.setTab(modelData[0])
                }
            }
        }

        Text {
            objectName: "techMessage"
            anchors { right: parent.right; rightMargin: 32; verticalCenter: tabs.verticalCenter
                      left: tabs.right; leftMargin: 24 }
            horizontalAlignment: Text.AlignRight
            elide: Text.ElideMiddle
            text: tech.message
            color: theme.primary; font.pointSize: theme.labelSize; font.bold: true
        }

        Loader {
            anchors { left: parent.left; right: parent.right; top: tabs.bottom; bottom: parent.bottom
                      margins: 24 }
            source: ({"overview": "TechOverview.qml", "devices": "TechDevices.qml",
                      "network": "TechNetwork.qml", "logs": "TechLogs.qml",
                      "actions": "TechActions.qml"})[tech.tab]
        }
    }
}
