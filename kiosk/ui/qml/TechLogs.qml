// Logs: the app's last lines (ID numbers masked), all or one device's; exported as shown.
import QtQuick

Column {
    spacing: 12
    Row {
        spacing: 12
        TechButton { objectName: "techLogAll"; label: qsTr("全部"); selected: tech.logDevice === ""
                     onClicked: tech.setLogDevice("") }
        Repeater {
            model: tech.devices
            TechButton { objectName: "techLog_" + modelData.name; label: modelData.name
                         selected: tech.logDevice === modelData.name
                         onClicked: tech.setLogDevice(modelData.name) }
        }
        TechButton { objectName: "techLogsUsb"; label: qsTr("导出到U盘"); onClicked: tech.exportLogs(true) }
        TechButton { objectName: "techLogsLocal"; label: qsTr("保存到本机"); onClicked: tech.exportLogs(false) }
    }
    Rectangle {
        width: parent.width; height: 760; radius: 8; color: "white"
        border.color: theme.disabledBg; border.width: 2
        ListView {
            id: list
            objectName: "techLogList"
            anchors { fill: parent; margins: 12 }
            clip: true
            model: tech.logLines
            onCountChanged: positionViewAtEnd()
            delegate: Text {
                width: list.width; elide: Text.ElideRight
                text: modelData
                font.family: "monospace"
                color: theme.text; font.pointSize: theme.labelSize - 6
            }
        }
    }
}
