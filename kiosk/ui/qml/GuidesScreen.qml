// 办事指南: browse by theme, life event or department, or search by pinyin initials
// (A-Z pad) or by a common keyword (one touch: there is no Chinese input method).
import QtQuick

Item {
    id: screen
    readonly property var tabs: [
        { code: "theme", label: qsTr("按主题") }, { code: "life_event", label: qsTr("按人生事件") },
        { code: "department", label: qsTr("按部门") }, { code: "search", label: qsTr("搜索") } ]

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 48 }
        spacing: theme.spacing

        Row {
            spacing: theme.spacing
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("办事指南")
                color: theme.text; font.pointSize: theme.titleSize; font.bold: true
            }
            Repeater {
                model: screen.tabs
                delegate: Rectangle {
                    objectName: "guideTab_" + modelData.code
                    width: tabText.implicitWidth + 48; height: theme.smallButtonHeight
                    radius: 10
                    readonly property bool selected: guides.tab === modelData.code
                    color: selected ? theme.primary : "white"
                    border.color: theme.primary; border.width: 2
                    Text {
                        id: tabText
                        anchors.centerIn: parent
                        text: (parent.selected ? "✓ " : "") + modelData.label
                        color: parent.selected ? theme.primaryText : theme.primary
                        font.pointSize: theme.labelSize; font.bold: true
                    }
                    TouchArea { onActivated: guides.setTab(modelData.code) }
                }
            }
        }

        Row {
            spacing: theme.spacing * 2
            height: screen.height - 300

            // Left: the facets of the tab, or the search pad.
            Column {
                width: body.width * 0.42
                spacing: theme.spacing / 2
                Repeater {
                    model: guides.facets
                    delegate: BigButton {
                        objectName: "guideFacet_" + modelData.code
                        width: parent.width
                        implicitHeight: theme.smallButtonHeight + 8
                        secondary: guides.facet !== modelData.code
                        label: qsTr("%1（%2）").arg(modelData.label).arg(modelData.count)
                        onClicked: guides.chooseFacet(modelData.code)
                    }
                }
                Column {
                    visible: guides.tab === "search"
                    spacing: theme.spacing / 2
                    Text {
                        objectName: "guideQuery"
                        text: guides.query !== "" ? guides.query
                                                      : qsTr("按拼音首字母搜索，如“社保缴费”按 S B J F")
                        color: guides.query !== "" ? theme.text : theme.mutedText
                        font.pointSize: guides.query !== "" ? theme.titleSize : theme.labelSize
                        font.bold: guides.query !== ""
                    }
                    LetterPad {}
                    Text {
                        text: qsTr("或点常用词：")
                        color: theme.mutedText; font.pointSize: theme.labelSize
                    }
                    Flow {
                        width: body.width * 0.42
                        spacing: 8
                        Repeater {
                            model: guides.keywords
                            delegate: Rectangle {
                                objectName: "guideKeyword_" + index
                                // A touch target: never under 60 px (it was 51 in normal mode).
                                width: kwText.implicitWidth + 32
                                height: Math.max(60, theme.smallButtonHeight * 0.8)
                                radius: height / 2; color: "white"
                                border.color: theme.primary; border.width: 2
                                Text { id: kwText; anchors.centerIn: parent; text: modelData
                                       color: theme.primary; font.pointSize: theme.labelSize }
                                TouchArea { onActivated: guides.searchKeyword(modelData) }
                            }
                        }
                    }
                }
            }

            // Right: the guides found.
            Column {
                width: body.width * 0.55
                spacing: theme.spacing / 2
                Text {
                    width: parent.width; wrapMode: Text.WordWrap
                    visible: guides.results.length === 0
                    text: guides.tab === "search" && guides.query !== ""
                          ? qsTr("没有找到相关指南，换个词试试，或到咨询台询问。")
                          : qsTr("请在左边选择一项。")
                    color: theme.mutedText; font.pointSize: theme.bodySize
                }
                Repeater {
                    model: guides.results
                    delegate: BigButton {
                        objectName: "guide_" + modelData.code
                        width: parent.width
                        implicitHeight: theme.smallButtonHeight + 24
                        label: modelData.name
                        detail: modelData.detail
                        onClicked: guides.open(modelData.code)
                    }
                }
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }
}
