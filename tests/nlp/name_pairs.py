"""Latin and Arabic spellings of public figures' names, as the Arabic press writes them: the
test list for searching speakers in either script. Several Latin spellings are not the
commonest one on purpose (Erdoğan, Muhammad, Rohani, Gerassimov)."""
from __future__ import annotations

NAME_PAIRS: list[tuple[str, str]] = [
    # Arab
    ("Mohammed bin Salman", "محمد بن سلمان"),
    ("Salman bin Abdulaziz", "سلمان بن عبدالعزيز"),
    ("Abdel Fattah el-Sisi", "عبد الفتاح السيسي"),
    ("Bashar al-Assad", "بشار الأسد"),
    ("Mahmoud Abbas", "محمود عباس"),
    ("Ismail Haniyeh", "إسماعيل هنية"),
    ("Hassan Nasrallah", "حسن نصر الله"),
    ("Tamim bin Hamad Al Thani", "تميم بن حمد آل ثاني"),
    ("King Abdullah II", "الملك عبدالله الثاني"),
    ("Ayman Safadi", "أيمن الصفدي"),
    ("Adel al-Jubeir", "عادل الجبير"),
    ("Nabih Berri", "نبيه بري"),
    ("Khalifa Haftar", "خليفة حفتر"),
    ("Muhammad Shia al-Sudani", "محمد شياع السوداني"),
    ("Ahmed Aboul Gheit", "أحمد أبو الغيط"),
    ("Rached Ghannouchi", "راشد الغنوشي"),
    ("Sameh Shoukry", "سامح شكري"),
    # Russian
    ("Valery Gerasimov", "فاليري غيراسيموف"),
    ("Gerassimov", "جيراسيموف"),
    ("Vladimir Putin", "فلاديمير بوتين"),
    ("Sergey Lavrov", "سيرغي لافروف"),
    ("Sergei Shoigu", "سيرغي شويغو"),
    ("Dmitry Peskov", "ديمتري بيسكوف"),
    ("Maria Zakharova", "ماريا زاخاروفا"),
    ("Dmitry Medvedev", "دميتري ميدفيديف"),
    ("Vassily Nebenzia", "فاسيلي نيبينزيا"),
    ("Mikhail Bogdanov", "ميخائيل بوغدانوف"),
    # Western
    ("Emmanuel Macron", "إيمانويل ماكرون"),
    ("Angela Merkel", "أنجيلا ميركل"),
    ("Antony Blinken", "أنتوني بلينكن"),
    ("Donald Trump", "دونالد ترامب"),
    ("Joe Biden", "جو بايدن"),
    ("Boris Johnson", "بوريس جونسون"),
    ("Antonio Guterres", "أنطونيو غوتيريش"),
    ("Olaf Scholz", "أولاف شولتس"),
    ("Volodymyr Zelensky", "فولوديمير زيلينسكي"),
    ("Benjamin Netanyahu", "بنيامين نتنياهو"),
    ("Jens Stoltenberg", "ينس ستولتنبرغ"),
    # Persian
    ("Ali Khamenei", "علي خامنئي"),
    ("Hassan Rohani", "حسن روحاني"),
    ("Mohammad Javad Zarif", "محمد جواد ظريف"),
    ("Ebrahim Raisi", "إبراهيم رئيسي"),
    ("Hossein Amir-Abdollahian", "حسين أمير عبد اللهيان"),
    # Turkish
    ("Recep Tayyip Erdoğan", "رجب طيب أردوغان"),
    ("Erdogan", "أردوغان"),
    ("Mevlut Cavusoglu", "مولود جاويش أوغلو"),
    ("Hakan Fidan", "هاكان فيدان"),
    ("Ibrahim Kalin", "إبراهيم قالن"),
    # Chinese
    ("Xi Jinping", "شي جين بينغ"),
    ("Wang Yi", "وانغ يي"),
]


def distractors() -> list[str]:
    """Names that share parts with the true ones (another first name before a known family
    name, a family name of one with the first name of the next): what a speaker table holds."""
    arabic = [ar.split() for _, ar in NAME_PAIRS if len(ar.split()) >= 2]
    names = set()
    for i, words in enumerate(arabic):
        other = arabic[(i + 1) % len(arabic)]
        names.add(" ".join([other[0], *words[1:]]))
        names.add(" ".join([words[0], other[-1]]))
        names.add(" ".join([*words[:-1], other[0]]))
    return sorted(names - {ar for _, ar in NAME_PAIRS})
