// Top bar on every screen: hall name and clock on the left, language switch, voice,
// elder mode and 呼叫工作人员 on the right (so a citizen can change them, or call for help,
// at any step). The hall's name gives way to the controls: smaller, then cut.
import QtQuick

Rectangle {
    id: bar
    height: theme.smallButtonHeight + 40
    color: theme.headerBg

    Column {
        anchors { left: parent.left; leftMargin: 32; right: controls.left; rightMargin: 24
                  verticalCenter: parent.verticalCenter }
        spacing: 4
        Text {
            objectName: "headerHallName"
            width: parent.width
            text: kiosk.hallName
            fontSizeMode: Text.HorizontalFit; minimumPointSize: 12; elide: Text.ElideRight
            color: "white"; font.pointSize: theme.labelSize; font.bold: true
        }
        Text {
            objectName: "headerClock"
            text: kiosk.clock      // the hall's time, as on tickets and receipts
            color: "white"; font.pointSize: theme.labelSize
        }
    }

    Row {
        id: controls
        anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
        spacing: 12
        Repeater {
            model: [ { code: "zh_CN", label: "简体" }, { code: "zh_TW", label: "繁體" },
                     { code: "en", label: "English" } ]
            delegate: ChoiceChip {
                objectName: "lang_" + modelData.code
                label: modelData.label
                selected: kiosk.language === modelData.code
                onClicked: kiosk.setLanguage(modelData.code)
            }
        }
        Item { width: 24; height: 1 }
        ChoiceChip {
            objectName: "voiceToggle"
            visible: kiosk.voiceAvailable
            label: qsTr("语音播报")
            selected: kiosk.voiceOn
            onClicked: kiosk.setVoice(!kiosk.voiceOn)
        }
        ChoiceChip {
            objectName: "elderToggle"
            label: qsTr("长辈模式")
            selected: kiosk.elderMode
            onClicked: kiosk.setElderMode(!kiosk.elderMode)
        }
        Item { width: 24; height: 1 }
        // On every screen, the attract screen too: the hall sees the call (an alert on its
        // console) and StaffCallBanner tells the citizen what happens next.
        ChoiceChip {
            objectName: "callStaff"
            label: "☎ " + qsTr("呼叫工作人员")
            selected: kiosk.staffCallText !== ""
            onClicked: kiosk.callStaff()
        }
    }
}
