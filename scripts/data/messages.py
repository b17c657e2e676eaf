"""The wording of every problem the checker can report, in Vietnamese.

One entry per kind of defect: what is wrong, what is expected, how to fix
it, and an example. `scripts.data.errors.Problem` renders its message from here
and the data editors' guide page is generated from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    problem: str
    expected: str
    hint: str
    example: str  # an example of the defect, for the editors' guide


MESSAGES: dict[str, Message] = {
    # files
    "missing_folder": Message(
        "không có thư mục dữ liệu này",
        "thư mục chứa program.yml, units.csv, indicators.csv, values.csv, topics.csv",
        "kiểm tra đường dẫn trong biến SITE_DATA hoặc tham số của lệnh",
        "SITE_DATA=dat (gõ thiếu chữ a)",
    ),
    "missing_file": Message(
        "thiếu tệp bắt buộc",
        "tệp {wanted} trong thư mục dữ liệu",
        "tạo tệp này theo mẫu trong thư mục data/ của bộ mẫu",
        "thư mục dữ liệu không có indicators.csv",
    ),
    "both_formats": Message(
        "có cả {name}.csv và {name}.xlsx cho cùng một bảng",
        "chỉ một trong hai tệp",
        "xóa hoặc đổi tên tệp cũ để chỉ còn một tệp",
        "có cả values.csv và values.xlsx",
    ),
    "receipts_workbook": Message(
        "sổ nhận biểu mẫu đang ở dạng Excel; lệnh thu biểu mẫu chỉ ghi thêm vào sổ dạng CSV",
        "sổ nhận biểu mẫu dạng CSV UTF-8 (hoặc chưa có sổ: lệnh tự tạo)",
        "lưu sổ thành CSV UTF-8 cùng tên rồi xóa tệp Excel, sau đó chạy lại lệnh",
        "thư mục dữ liệu có sổ nhận biểu mẫu dạng .xlsx",
    ),
    "empty_file": Message(
        "tệp rỗng, không có dòng tiêu đề",
        "dòng 1 là tiêu đề cột, các dòng sau là dữ liệu",
        "mở tệp mẫu, chép dòng tiêu đề rồi nhập dữ liệu",
        "values.csv dài 0 byte",
    ),
    "not_utf8": Message(
        "tệp không ở mã UTF-8 (có thể là Windows-1258 hoặc TCVN3), chữ Việt sẽ bị sai",
        "tệp văn bản mã UTF-8",
        'trong Excel chọn Tệp → Lưu như → kiểu "CSV UTF-8 (phân cách bằng dấu phẩy)"; '
        "tệp .yml, .md: lưu lại bằng trình soạn thảo với mã UTF-8",
        "units.csv lưu bằng kiểu CSV thường của Excel",
    ),
    "bad_xlsx": Message(
        "không đọc được tệp Excel ({error})",
        "tệp .xlsx lưu bằng Excel, dữ liệu ở trang tính đầu tiên",
        "mở tệp bằng Excel và lưu lại với kiểu Sổ làm việc Excel (.xlsx)",
        "values.xlsx thực chất là tệp .xls cũ đổi tên",
    ),
    "unsupported_format": Message(
        "Excel/bảng tính dạng {suffix} không được đọc",
        "tệp {name}.xlsx (Sổ làm việc Excel) hoặc {name}.csv (CSV UTF-8)",
        'mở tệp bằng Excel, chọn Tệp → Lưu như → kiểu "Sổ làm việc Excel (.xlsx)" hoặc "CSV UTF-8", rồi xóa tệp cũ',
        "values.xls (Excel 97-2003) thay cho values.xlsx",
    ),
    "unclosed_quote": Message(
        'dấu nháy kép (") mở ở dòng này nhưng không đóng, phần còn lại của tệp bị đọc thành một ô',
        "mỗi ô bắt đầu bằng dấu nháy kép thì kết thúc bằng dấu nháy kép",
        "thêm dấu nháy kép đóng ở cuối ô, hoặc xóa dấu nháy mở",
        'X09,"Xã Chín,commune,BL (thiếu dấu nháy đóng)',
    ),
    "bad_quote": Message(
        'dấu nháy kép (") đặt sai chỗ: sau dấu nháy đóng còn chữ',
        'ô có dấu nháy kép viết dạng "…"; dấu nháy bên trong ô viết hai lần ("")',
        "sửa ô có dấu nháy trên dòng này, hoặc mở và lưu lại tệp bằng Excel",
        'X09,"Xã" Chín,commune,BL',
    ),
    "yaml_syntax": Message(
        "sai cú pháp YAML ({error})",
        "mỗi dòng dạng khóa: giá trị, thụt lề bằng dấu cách",
        "sửa dòng được nêu; chuỗi có dấu hai chấm thì đặt trong dấu nháy kép",
        "title: Chương trình: 01 (thiếu dấu nháy)",
    ),
    "empty_yaml": Message(
        "tệp rỗng",
        "các khóa code, title, issuer, period, as_of…",
        "chép tệp program.yml mẫu rồi sửa nội dung",
        "program.yml dài 0 byte",
    ),
    "yaml_not_mapping": Message(
        "nội dung không phải danh sách khóa: giá trị",
        "các khóa code, title, issuer, period, as_of…",
        "làm theo tệp program.yml mẫu",
        "program.yml chỉ có một dòng chữ",
    ),
    "duplicate_yaml_key": Message(
        "khóa bị lặp, đã có ở dòng {first}; chỉ một giá trị được dùng",
        "mỗi khóa xuất hiện một lần",
        "xóa một trong hai dòng",
        "hai dòng as_of trong program.yml",
    ),
    "unknown_key": Message(
        "khóa không có trong quy ước dữ liệu",
        "một trong các khóa: {allowed}",
        "sửa lỗi chính tả hoặc xóa khóa này",
        "tittle: … (gõ sai title)",
    ),
    "missing_key": Message(
        "thiếu khóa bắt buộc",
        "khóa {key}",
        "thêm dòng {key}: … vào program.yml",
        "program.yml không có as_of",
    ),
    # columns and rows
    "unknown_column": Message(
        "cột không có trong quy ước dữ liệu",
        "một trong các cột: {allowed}",
        "sửa lỗi chính tả ở dòng tiêu đề hoặc xóa cột này",
        "cột 'valeu' trong values.csv",
    ),
    "missing_column": Message(
        "thiếu cột bắt buộc",
        "cột {column_name} ở dòng tiêu đề",
        "thêm cột {column_name} vào dòng 1",
        "values.csv không có cột period",
    ),
    "duplicate_column": Message(
        "cột bị lặp ở dòng tiêu đề",
        "mỗi tên cột xuất hiện một lần",
        "xóa một trong hai cột trùng tên",
        "hai cột cùng tên value",
    ),
    "blank_header": Message(
        "cột thứ {position} có dữ liệu (từ dòng {row}) nhưng ô tiêu đề để trống",
        "mỗi cột có dữ liệu có tên cột ở dòng tiêu đề",
        "điền tên cột vào dòng tiêu đề, hoặc xóa cột nếu dữ liệu thừa",
        "cột C của values.csv không có tên",
    ),
    "ragged_row": Message(
        'dòng có {found} ô, nhiều hơn {columns} cột của tiêu đề (ô thừa đầu tiên: "{extra}")',
        "số ô bằng số cột",
        "xóa ô thừa ở cuối dòng hoặc đặt văn bản có dấu phẩy trong dấu nháy kép",
        "DV01,Đơn vị A, cơ sở 2,other (dấu phẩy trong tên không có nháy)",
    ),
    "required_value": Message(
        "ô bắt buộc đang để trống",
        "một giá trị ({what})",
        "nhập giá trị vào ô này",
        "dòng chỉ tiêu không có name",
    ),
    "not_number": Message(
        "không phải là số",
        "một số, ví dụ {example}",
        "{fix}",
        'value "n/a"',
    ),
    "bad_year": Message(
        "không phải là năm",
        "năm gồm 4 chữ số, từ 1900 đến 2100, ví dụ 2016",
        "nhập năm dạng 2016",
        'baseline_year "năm 2015"',
    ),
    "bad_date": Message(
        "không phải là ngày hợp lệ",
        "ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY có thật, ví dụ 2019-10-14 hoặc 14/10/2019",
        "kiểm tra ngày, tháng (ví dụ tháng 2 không có ngày 31)",
        'date "31/02/2019"',
    ),
    "bad_datetime": Message(
        "không phải là ngày giờ hợp lệ",
        "ngày giờ dạng YYYY-MM-DD HH:MM, ví dụ 2022-07-08 15:30, hoặc một ngày",
        "kiểm tra ngày, tháng, giờ",
        'received "8/7/2022 lúc 3 giờ chiều"',
    ),
    "bad_date_or_year": Message(
        "không phải là ngày hoặc năm",
        "năm (2018) hoặc ngày dạng YYYY-MM-DD hay DD/MM/YYYY",
        "nhập năm hoặc ngày có thật",
        'start "quý 2"',
    ),
    "bad_period": Message(
        "không phải là kỳ số liệu",
        "năm (2019), quý (2019-Q3) hoặc tháng (2019-09)",
        "viết kỳ theo một trong ba dạng trên",
        'period "Q3/2019"',
    ),
    "period_is_date": Message(
        "là một ngày, không phải kỳ số liệu (Excel thường tự đổi 2019-09 thành ngày)",
        "năm (2019), quý (2019-Q3) hoặc tháng (2019-09), là văn bản",
        "trong Excel định dạng cột period là Văn bản (Text) rồi gõ lại kỳ, ví dụ 2019-09",
        'period "01/09/2019"',
    ),
    "bad_choice": Message(
        "không phải giá trị được phép",
        "một trong: {allowed}",
        "chọn đúng một giá trị trong danh sách (viết thường, không dấu)",
        'direction "tăng"',
    ),
    "bad_bool": Message(
        "không phải đúng/sai",
        "true hoặc false",
        "ghi true hoặc false",
        'illustrative "có"',
    ),
    "bad_type": Message(
        "sai kiểu dữ liệu",
        "{what}",
        "làm theo tệp program.yml mẫu",
        "period: 2016-2020 (thay vì start/end)",
    ),
    "duplicate_key": Message(
        "bị trùng, đã có ở dòng {first}",
        "mỗi {what} chỉ xuất hiện một lần",
        "xóa dòng trùng hoặc sửa lại mã",
        "hai dòng CT01 / DV01 / 2019 trong values.csv",
    ),
    "unknown_ref": Message(
        "không có trong {target}",
        "một {what} đã khai báo trong {target}",
        "sửa lỗi chính tả hoặc thêm dòng tương ứng vào {target}",
        'unit "DV1" trong values.csv khi units.csv chỉ có DV01',
    ),
    "percent_range": Message(
        "nằm ngoài khoảng 0–100 của chỉ tiêu tính bằng %",
        "một số từ 0 đến 100",
        "kiểm tra lại số liệu (có thể nhập nhầm 856 thay vì 85,6)",
        'value "120" cho chỉ tiêu đơn vị %',
    ),
    "percent_sign": Message(
        "có dấu % nhưng chỉ tiêu {indicator} có đơn vị tính là {measure}",
        "một số không có dấu %",
        "xóa dấu % (hoặc bỏ định dạng phần trăm của ô trong Excel); nếu chỉ tiêu tính bằng % thì sửa cột measure",
        'value "50%" cho chỉ tiêu đơn vị người',
    ),
    "target_op_direction": Message(
        "ngược với hướng của chỉ tiêu (direction: {direction})",
        "target_op là {wanted}, hoặc để trống để dùng mặc định",
        "chỉ tiêu càng cao càng tốt (up) dùng > hoặc >=; càng thấp càng tốt (down) dùng < hoặc <=; "
        "hoặc sửa cột direction nếu hướng bị ghi nhầm",
        "direction up, target_op <",
    ),
    "unknown_related": Message(
        "không phải mã chỉ tiêu, số hiệu văn bản hay mã đề tài nào trong dữ liệu",
        "mã chỉ tiêu (indicators.csv), số hiệu văn bản (documents.csv) hoặc mã đề tài (topics.csv), "
        "cách nhau bằng dấu chấm phẩy",
        "sửa lỗi chính tả, thêm mục còn thiếu, hoặc xóa mã này khỏi cột related",
        "related ghi CT1; 05-NQ/TU khi chỉ có chỉ tiêu CT01",
    ),
    "aspect_not_cause": Message(
        "chỉ nguyên nhân (kind: cause) mới có khía cạnh khách quan/chủ quan, dòng này là {kind}",
        "cột aspect để trống ở dòng không phải nguyên nhân",
        "xóa ô aspect, hoặc sửa kind thành cause nếu đây là một nguyên nhân",
        "kind limitation, aspect subjective",
    ),
    "target_without_type": Message(
        "có chỉ tiêu (target) nhưng chưa có loại chỉ tiêu",
        "target_type là annual, cumulative hoặc end",
        "điền cột target_type",
        "target 50, target_type để trống",
    ),
    "type_without_target": Message(
        "có loại chỉ tiêu nhưng không có giá trị chỉ tiêu (target)",
        "cả target và target_type, hoặc để trống cả hai",
        "điền target hoặc xóa target_type",
        "target_type annual, target để trống",
    ),
    "baseline_pair": Message(
        "chỉ có một trong hai cột baseline và baseline_year",
        "baseline và baseline_year cùng có hoặc cùng trống",
        "điền cột còn thiếu hoặc xóa cả hai",
        "baseline 30, baseline_year trống",
    ),
    "no_root": Message(
        "không có đơn vị gốc (đơn vị không có parent)",
        "đúng một đơn vị để trống parent: toàn thành phố/tỉnh",
        "để trống cột parent của đơn vị toàn thành phố",
        "mọi đơn vị đều có parent",
    ),
    "two_roots": Message(
        "có nhiều đơn vị gốc (không có parent): {codes}",
        "đúng một đơn vị để trống parent",
        "điền parent cho các đơn vị không phải toàn thành phố",
        "DV01 và DV02 đều để trống parent",
    ),
    "unit_cycle": Message(
        "quan hệ cấp trên tạo thành vòng lặp: {path}",
        "các đơn vị tạo thành cây, mỗi đơn vị đi lên được đến đơn vị gốc",
        "sửa cột parent của một đơn vị trong vòng",
        "BD có parent HK, HK có parent BD",
    ),
    "missing_topic_file": Message(
        "không có tệp nội dung của đề tài",
        "tệp topics/{id}.md",
        "tạo tệp topics/{id}.md (tóm tắt, kết quả, kiến nghị)",
        "topics.csv có DT09 nhưng không có topics/DT09.md",
    ),
    "round_after_as_of": Message(
        "kỳ báo cáo sau ngày chốt số liệu {as_of}",
        "mọi ngày trong rounds không muộn hơn as_of",
        "xóa kỳ này khỏi rounds, hoặc dời as_of khi đã có số liệu đến ngày đó",
        "rounds: [2020-12-31] khi as_of: 2020-06-30",
    ),
    "period_order": Message(
        "năm bắt đầu sau năm kết thúc",
        "period.start ≤ period.end",
        "sửa lại start và end",
        "period: {start: 2020, end: 2016}",
    ),
    "slug_collision": Message(
        "trùng địa chỉ trang với mã {other} (chỉ khác chữ hoa/thường hoặc dấu)",
        "các mã khác nhau sau khi viết thường, bỏ dấu",
        "đổi một trong hai mã",
        "hai chỉ tiêu ct01 và CT01",
    ),
    "bad_id": Message(
        "mã không dùng được làm địa chỉ trang",
        "mã có ít nhất một chữ cái hoặc chữ số",
        "đặt mã gồm chữ cái, chữ số, dấu gạch",
        'id "---"',
    ),
    # returns: a unit's form sent back (python -m scripts.collect)
    "form_unreadable": Message(
        "không mở được tệp như một sổ Excel ({error})",
        "biểu mẫu .xlsx đã gửi cho đơn vị, lưu lại bằng Excel hoặc LibreOffice Calc",
        "đề nghị đơn vị mở tệp và lưu lại dạng Sổ làm việc Excel (.xlsx), hoặc gửi lại tệp",
        "tệp .xls cũ đổi tên thành .xlsx",
    ),
    "not_a_form": Message(
        "không phải biểu mẫu báo cáo của chương trình ({why})",
        "tệp biểu mẫu tạo bằng python -m scripts.forms, đơn vị chỉ điền số liệu",
        "đề nghị đơn vị điền vào đúng tệp biểu mẫu đã gửi (không chép sang sổ khác), hoặc xóa tệp này khỏi thư mục",
        "bảng tính đơn vị tự lập thay cho biểu mẫu",
    ),
    "form_other_program": Message(
        "là biểu mẫu của chương trình {found}, không phải {program}",
        "biểu mẫu của chương trình {program}",
        "kiểm tra thư mục dữ liệu (--data) hoặc chuyển tệp sang đợt thu của chương trình {found}",
        "biểu mẫu của chương trình 03-CTr/TU gửi nhầm vào đợt thu của 01-CTr/TU",
    ),
    "form_unknown_unit": Message(
        "là biểu mẫu của đơn vị {unit}, không có trong units.csv",
        "biểu mẫu của một đơn vị trong units.csv",
        "kiểm tra units.csv (đơn vị đã đổi mã?) hoặc gửi cho đơn vị biểu mẫu mới",
        "biểu mẫu của đơn vị đã sáp nhập",
    ),
    "form_period_not_asked": Message(
        "là biểu mẫu {period}, không phải kỳ đang thu ({asked})",
        "biểu mẫu của kỳ đang thu",
        "đề nghị đơn vị gửi đúng biểu mẫu kỳ đang thu; biểu mẫu kỳ khác thì thu riêng với --period của kỳ đó",
        "đơn vị gửi lại biểu mẫu quý I khi đang thu quý II",
    ),
    "form_rows_edited": Message(
        "các dòng của biểu mẫu đã bị sửa ({why}), không biết số liệu thuộc chỉ tiêu nào",
        "đủ các dòng chỉ tiêu như biểu mẫu đã gửi, đúng thứ tự",
        "đề nghị đơn vị điền lại vào biểu mẫu gốc, không thêm, xóa hay đổi thứ tự dòng",
        "đơn vị xóa dòng chỉ tiêu không có số liệu",
    ),
    "form_bad_status": Message(
        "không phải tình trạng số liệu",
        "Chính thức hoặc Ước tính (chọn trong danh sách), hoặc để trống",
        "chọn lại trong danh sách thả xuống của ô",
        'tình trạng "tạm tính"',
    ),
    "form_conflict": Message(
        "{what} khác với số liệu {other} cho cùng chỉ tiêu {indicator}, đơn vị {unit}, kỳ {period}",
        "một số liệu cho mỗi chỉ tiêu, đơn vị, kỳ",
        "hỏi lại đơn vị số liệu nào đúng, xóa tệp sai khỏi thư mục rồi thu lại",
        "đơn vị gửi hai lần, lần sau sửa số liệu nhưng không xóa tệp cũ",
    ),
    # editions: the public edition never names what it withholds
    "names_internal": Message(
        "nêu {item}, là mục có visibility: internal{where}",
        "nội dung của bản công khai không nêu mã, số hiệu hay tên của mục chỉ dùng nội bộ",
        "bỏ hoặc viết lại đoạn này; nếu {item} được phép công bố thì đổi visibility của nó thành public "
        "(bản nội bộ không bị ảnh hưởng)",
        "trang docs/gioi-thieu.md nêu mã của một chỉ tiêu có visibility: internal",
    ),
    "unknown_item": Message(
        "không có {what} này trong dữ liệu",
        "mã có trong dữ liệu, trong lời gọi {macro}(…)",
        "kiểm tra lại mã (chữ hoa, chữ thường, dấu) trong lời gọi {macro}(…)",
        'trang docs/index.md gọi indicator("X99") nhưng indicators.csv không có X99',
    ),
}
