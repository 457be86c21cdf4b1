/*  zc_entities — see zc_entities.h.

    GENERATED FILE, do not edit: `python3 scripts/gen_entities.py` writes it
    from Python's html.entities.html5.

    s_entries is sorted by name (bytes, shorter first) and searched by
    bisection; each entry points into s_names and s_values, so the whole
    table is a few tens of kilobytes without relocations.
*/
#include "zc_entities.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Every name, in table order, back to back. */
static const char s_names[] =
    "AEligAElig;AMPAMP;AacuteAacute;Abreve;AcircAcirc;Acy;Afr;AgraveAgrave;Alpha;Amacr;And;Ao"
    "gon;Aopf;ApplyFunction;AringAring;Ascr;Assign;AtildeAtilde;AumlAuml;Backslash;Barv;Barwe"
    "d;Bcy;Because;Bernoullis;Beta;Bfr;Bopf;Breve;Bscr;Bumpeq;CHcy;COPYCOPY;Cacute;Cap;Capita"
    "lDifferentialD;Cayleys;Ccaron;CcedilCcedil;Ccirc;Cconint;Cdot;Cedilla;CenterDot;Cfr;Chi;"
    "CircleDot;CircleMinus;CirclePlus;CircleTimes;ClockwiseContourIntegral;CloseCurlyDoubleQu"
    "ote;CloseCurlyQuote;Colon;Colone;Congruent;Conint;ContourIntegral;Copf;Coproduct;Counter"
    "ClockwiseContourIntegral;Cross;Cscr;Cup;CupCap;DD;DDotrahd;DJcy;DScy;DZcy;Dagger;Darr;Da"
    "shv;Dcaron;Dcy;Del;Delta;Dfr;DiacriticalAcute;DiacriticalDot;DiacriticalDoubleAcute;Diac"
    "riticalGrave;DiacriticalTilde;Diamond;DifferentialD;Dopf;Dot;DotDot;DotEqual;DoubleConto"
    "urIntegral;DoubleDot;DoubleDownArrow;DoubleLeftArrow;DoubleLeftRightArrow;DoubleLeftTee;"
    "DoubleLongLeftArrow;DoubleLongLeftRightArrow;DoubleLongRightArrow;DoubleRightArrow;Doubl"
    "eRightTee;DoubleUpArrow;DoubleUpDownArrow;DoubleVerticalBar;DownArrow;DownArrowBar;DownA"
    "rrowUpArrow;DownBreve;DownLeftRightVector;DownLeftTeeVector;DownLeftVector;DownLeftVecto"
    "rBar;DownRightTeeVector;DownRightVector;DownRightVectorBar;DownTee;DownTeeArrow;Downarro"
    "w;Dscr;Dstrok;ENG;ETHETH;EacuteEacute;Ecaron;EcircEcirc;Ecy;Edot;Efr;EgraveEgrave;Elemen"
    "t;Emacr;EmptySmallSquare;EmptyVerySmallSquare;Eogon;Eopf;Epsilon;Equal;EqualTilde;Equili"
    "brium;Escr;Esim;Eta;EumlEuml;Exists;ExponentialE;Fcy;Ffr;FilledSmallSquare;FilledVerySma"
    "llSquare;Fopf;ForAll;Fouriertrf;Fscr;GJcy;GTGT;Gamma;Gammad;Gbreve;Gcedil;Gcirc;Gcy;Gdot"
    ";Gfr;Gg;Gopf;GreaterEqual;GreaterEqualLess;GreaterFullEqual;GreaterGreater;GreaterLess;G"
    "reaterSlantEqual;GreaterTilde;Gscr;Gt;HARDcy;Hacek;Hat;Hcirc;Hfr;HilbertSpace;Hopf;Horiz"
    "ontalLine;Hscr;Hstrok;HumpDownHump;HumpEqual;IEcy;IJlig;IOcy;IacuteIacute;IcircIcirc;Icy"
    ";Idot;Ifr;IgraveIgrave;Im;Imacr;ImaginaryI;Implies;Int;Integral;Intersection;InvisibleCo"
    "mma;InvisibleTimes;Iogon;Iopf;Iota;Iscr;Itilde;Iukcy;IumlIuml;Jcirc;Jcy;Jfr;Jopf;Jscr;Js"
    "ercy;Jukcy;KHcy;KJcy;Kappa;Kcedil;Kcy;Kfr;Kopf;Kscr;LJcy;LTLT;Lacute;Lambda;Lang;Laplace"
    "trf;Larr;Lcaron;Lcedil;Lcy;LeftAngleBracket;LeftArrow;LeftArrowBar;LeftArrowRightArrow;L"
    "eftCeiling;LeftDoubleBracket;LeftDownTeeVector;LeftDownVector;LeftDownVectorBar;LeftFloo"
    "r;LeftRightArrow;LeftRightVector;LeftTee;LeftTeeArrow;LeftTeeVector;LeftTriangle;LeftTri"
    "angleBar;LeftTriangleEqual;LeftUpDownVector;LeftUpTeeVector;LeftUpVector;LeftUpVectorBar"
    ";LeftVector;LeftVectorBar;Leftarrow;Leftrightarrow;LessEqualGreater;LessFullEqual;LessGr"
    "eater;LessLess;LessSlantEqual;LessTilde;Lfr;Ll;Lleftarrow;Lmidot;LongLeftArrow;LongLeftR"
    "ightArrow;LongRightArrow;Longleftarrow;Longleftrightarrow;Longrightarrow;Lopf;LowerLeftA"
    "rrow;LowerRightArrow;Lscr;Lsh;Lstrok;Lt;Map;Mcy;MediumSpace;Mellintrf;Mfr;MinusPlus;Mopf"
    ";Mscr;Mu;NJcy;Nacute;Ncaron;Ncedil;Ncy;NegativeMediumSpace;NegativeThickSpace;NegativeTh"
    "inSpace;NegativeVeryThinSpace;NestedGreaterGreater;NestedLessLess;NewLine;Nfr;NoBreak;No"
    "nBreakingSpace;Nopf;Not;NotCongruent;NotCupCap;NotDoubleVerticalBar;NotElement;NotEqual;"
    "NotEqualTilde;NotExists;NotGreater;NotGreaterEqual;NotGreaterFullEqual;NotGreaterGreater"
    ";NotGreaterLess;NotGreaterSlantEqual;NotGreaterTilde;NotHumpDownHump;NotHumpEqual;NotLef"
    "tTriangle;NotLeftTriangleBar;NotLeftTriangleEqual;NotLess;NotLessEqual;NotLessGreater;No"
    "tLessLess;NotLessSlantEqual;NotLessTilde;NotNestedGreaterGreater;NotNestedLessLess;NotPr"
    "ecedes;NotPrecedesEqual;NotPrecedesSlantEqual;NotReverseElement;NotRightTriangle;NotRigh"
    "tTriangleBar;NotRightTriangleEqual;NotSquareSubset;NotSquareSubsetEqual;NotSquareSuperse"
    "t;NotSquareSupersetEqual;NotSubset;NotSubsetEqual;NotSucceeds;NotSucceedsEqual;NotSuccee"
    "dsSlantEqual;NotSucceedsTilde;NotSuperset;NotSupersetEqual;NotTilde;NotTildeEqual;NotTil"
    "deFullEqual;NotTildeTilde;NotVerticalBar;Nscr;NtildeNtilde;Nu;OElig;OacuteOacute;OcircOc"
    "irc;Ocy;Odblac;Ofr;OgraveOgrave;Omacr;Omega;Omicron;Oopf;OpenCurlyDoubleQuote;OpenCurlyQ"
    "uote;Or;Oscr;OslashOslash;OtildeOtilde;Otimes;OumlOuml;OverBar;OverBrace;OverBracket;Ove"
    "rParenthesis;PartialD;Pcy;Pfr;Phi;Pi;PlusMinus;Poincareplane;Popf;Pr;Precedes;PrecedesEq"
    "ual;PrecedesSlantEqual;PrecedesTilde;Prime;Product;Proportion;Proportional;Pscr;Psi;QUOT"
    "QUOT;Qfr;Qopf;Qscr;RBarr;REGREG;Racute;Rang;Rarr;Rarrtl;Rcaron;Rcedil;Rcy;Re;ReverseElem"
    "ent;ReverseEquilibrium;ReverseUpEquilibrium;Rfr;Rho;RightAngleBracket;RightArrow;RightAr"
    "rowBar;RightArrowLeftArrow;RightCeiling;RightDoubleBracket;RightDownTeeVector;RightDownV"
    "ector;RightDownVectorBar;RightFloor;RightTee;RightTeeArrow;RightTeeVector;RightTriangle;"
    "RightTriangleBar;RightTriangleEqual;RightUpDownVector;RightUpTeeVector;RightUpVector;Rig"
    "htUpVectorBar;RightVector;RightVectorBar;Rightarrow;Ropf;RoundImplies;Rrightarrow;Rscr;R"
    "sh;RuleDelayed;SHCHcy;SHcy;SOFTcy;Sacute;Sc;Scaron;Scedil;Scirc;Scy;Sfr;ShortDownArrow;S"
    "hortLeftArrow;ShortRightArrow;ShortUpArrow;Sigma;SmallCircle;Sopf;Sqrt;Square;SquareInte"
    "rsection;SquareSubset;SquareSubsetEqual;SquareSuperset;SquareSupersetEqual;SquareUnion;S"
    "scr;Star;Sub;Subset;SubsetEqual;Succeeds;SucceedsEqual;SucceedsSlantEqual;SucceedsTilde;"
    "SuchThat;Sum;Sup;Superset;SupersetEqual;Supset;THORNTHORN;TRADE;TSHcy;TScy;Tab;Tau;Tcaro"
    "n;Tcedil;Tcy;Tfr;Therefore;Theta;ThickSpace;ThinSpace;Tilde;TildeEqual;TildeFullEqual;Ti"
    "ldeTilde;Topf;TripleDot;Tscr;Tstrok;UacuteUacute;Uarr;Uarrocir;Ubrcy;Ubreve;UcircUcirc;U"
    "cy;Udblac;Ufr;UgraveUgrave;Umacr;UnderBar;UnderBrace;UnderBracket;UnderParenthesis;Union"
    ";UnionPlus;Uogon;Uopf;UpArrow;UpArrowBar;UpArrowDownArrow;UpDownArrow;UpEquilibrium;UpTe"
    "e;UpTeeArrow;Uparrow;Updownarrow;UpperLeftArrow;UpperRightArrow;Upsi;Upsilon;Uring;Uscr;"
    "Utilde;UumlUuml;VDash;Vbar;Vcy;Vdash;Vdashl;Vee;Verbar;Vert;VerticalBar;VerticalLine;Ver"
    "ticalSeparator;VerticalTilde;VeryThinSpace;Vfr;Vopf;Vscr;Vvdash;Wcirc;Wedge;Wfr;Wopf;Wsc"
    "r;Xfr;Xi;Xopf;Xscr;YAcy;YIcy;YUcy;YacuteYacute;Ycirc;Ycy;Yfr;Yopf;Yscr;Yuml;ZHcy;Zacute;"
    "Zcaron;Zcy;Zdot;ZeroWidthSpace;Zeta;Zfr;Zopf;Zscr;aacuteaacute;abreve;ac;acE;acd;acircac"
    "irc;acuteacute;acy;aeligaelig;af;afr;agraveagrave;alefsym;aleph;alpha;amacr;amalg;ampamp"
    ";and;andand;andd;andslope;andv;ang;ange;angle;angmsd;angmsdaa;angmsdab;angmsdac;angmsdad"
    ";angmsdae;angmsdaf;angmsdag;angmsdah;angrt;angrtvb;angrtvbd;angsph;angst;angzarr;aogon;a"
    "opf;ap;apE;apacir;ape;apid;apos;approx;approxeq;aringaring;ascr;ast;asymp;asympeq;atilde"
    "atilde;aumlauml;awconint;awint;bNot;backcong;backepsilon;backprime;backsim;backsimeq;bar"
    "vee;barwed;barwedge;bbrk;bbrktbrk;bcong;bcy;bdquo;becaus;because;bemptyv;bepsi;bernou;be"
    "ta;beth;between;bfr;bigcap;bigcirc;bigcup;bigodot;bigoplus;bigotimes;bigsqcup;bigstar;bi"
    "gtriangledown;bigtriangleup;biguplus;bigvee;bigwedge;bkarow;blacklozenge;blacksquare;bla"
    "cktriangle;blacktriangledown;blacktriangleleft;blacktriangleright;blank;blk12;blk14;blk3"
    "4;block;bne;bnequiv;bnot;bopf;bot;bottom;bowtie;boxDL;boxDR;boxDl;boxDr;boxH;boxHD;boxHU"
    ";boxHd;boxHu;boxUL;boxUR;boxUl;boxUr;boxV;boxVH;boxVL;boxVR;boxVh;boxVl;boxVr;boxbox;box"
    "dL;boxdR;boxdl;boxdr;boxh;boxhD;boxhU;boxhd;boxhu;boxminus;boxplus;boxtimes;boxuL;boxuR;"
    "boxul;boxur;boxv;boxvH;boxvL;boxvR;boxvh;boxvl;boxvr;bprime;breve;brvbarbrvbar;bscr;bsem"
    "i;bsim;bsime;bsol;bsolb;bsolhsub;bull;bullet;bump;bumpE;bumpe;bumpeq;cacute;cap;capand;c"
    "apbrcup;capcap;capcup;capdot;caps;caret;caron;ccaps;ccaron;ccedilccedil;ccirc;ccups;ccup"
    "ssm;cdot;cedilcedil;cemptyv;centcent;centerdot;cfr;chcy;check;checkmark;chi;cir;cirE;cir"
    "c;circeq;circlearrowleft;circlearrowright;circledR;circledS;circledast;circledcirc;circl"
    "eddash;cire;cirfnint;cirmid;cirscir;clubs;clubsuit;colon;colone;coloneq;comma;commat;com"
    "p;compfn;complement;complexes;cong;congdot;conint;copf;coprod;copycopy;copysr;crarr;cros"
    "s;cscr;csub;csube;csup;csupe;ctdot;cudarrl;cudarrr;cuepr;cuesc;cularr;cularrp;cup;cupbrc"
    "ap;cupcap;cupcup;cupdot;cupor;cups;curarr;curarrm;curlyeqprec;curlyeqsucc;curlyvee;curly"
    "wedge;currencurren;curvearrowleft;curvearrowright;cuvee;cuwed;cwconint;cwint;cylcty;dArr"
    ";dHar;dagger;daleth;darr;dash;dashv;dbkarow;dblac;dcaron;dcy;dd;ddagger;ddarr;ddotseq;de"
    "gdeg;delta;demptyv;dfisht;dfr;dharl;dharr;diam;diamond;diamondsuit;diams;die;digamma;dis"
    "in;div;dividedivide;divideontimes;divonx;djcy;dlcorn;dlcrop;dollar;dopf;dot;doteq;doteqd"
    "ot;dotminus;dotplus;dotsquare;doublebarwedge;downarrow;downdownarrows;downharpoonleft;do"
    "wnharpoonright;drbkarow;drcorn;drcrop;dscr;dscy;dsol;dstrok;dtdot;dtri;dtrif;duarr;duhar"
    ";dwangle;dzcy;dzigrarr;eDDot;eDot;eacuteeacute;easter;ecaron;ecir;ecircecirc;ecolon;ecy;"
    "edot;ee;efDot;efr;eg;egraveegrave;egs;egsdot;el;elinters;ell;els;elsdot;emacr;empty;empt"
    "yset;emptyv;emsp13;emsp14;emsp;eng;ensp;eogon;eopf;epar;eparsl;eplus;epsi;epsilon;epsiv;"
    "eqcirc;eqcolon;eqsim;eqslantgtr;eqslantless;equals;equest;equiv;equivDD;eqvparsl;erDot;e"
    "rarr;escr;esdot;esim;eta;etheth;eumleuml;euro;excl;exist;expectation;exponentiale;fallin"
    "gdotseq;fcy;female;ffilig;fflig;ffllig;ffr;filig;fjlig;flat;fllig;fltns;fnof;fopf;forall"
    ";fork;forkv;fpartint;frac12frac12;frac13;frac14frac14;frac15;frac16;frac18;frac23;frac25"
    ";frac34frac34;frac35;frac38;frac45;frac56;frac58;frac78;frasl;frown;fscr;gE;gEl;gacute;g"
    "amma;gammad;gap;gbreve;gcirc;gcy;gdot;ge;gel;geq;geqq;geqslant;ges;gescc;gesdot;gesdoto;"
    "gesdotol;gesl;gesles;gfr;gg;ggg;gimel;gjcy;gl;glE;gla;glj;gnE;gnap;gnapprox;gne;gneq;gne"
    "qq;gnsim;gopf;grave;gscr;gsim;gsime;gsiml;gtgt;gtcc;gtcir;gtdot;gtlPar;gtquest;gtrapprox"
    ";gtrarr;gtrdot;gtreqless;gtreqqless;gtrless;gtrsim;gvertneqq;gvnE;hArr;hairsp;half;hamil"
    "t;hardcy;harr;harrcir;harrw;hbar;hcirc;hearts;heartsuit;hellip;hercon;hfr;hksearow;hkswa"
    "row;hoarr;homtht;hookleftarrow;hookrightarrow;hopf;horbar;hscr;hslash;hstrok;hybull;hyph"
    "en;iacuteiacute;ic;icircicirc;icy;iecy;iexcliexcl;iff;ifr;igraveigrave;ii;iiiint;iiint;i"
    "infin;iiota;ijlig;imacr;image;imagline;imagpart;imath;imof;imped;in;incare;infin;infinti"
    "e;inodot;int;intcal;integers;intercal;intlarhk;intprod;iocy;iogon;iopf;iota;iprod;iquest"
    "iquest;iscr;isin;isinE;isindot;isins;isinsv;isinv;it;itilde;iukcy;iumliuml;jcirc;jcy;jfr"
    ";jmath;jopf;jscr;jsercy;jukcy;kappa;kappav;kcedil;kcy;kfr;kgreen;khcy;kjcy;kopf;kscr;lAa"
    "rr;lArr;lAtail;lBarr;lE;lEg;lHar;lacute;laemptyv;lagran;lambda;lang;langd;langle;lap;laq"
    "uolaquo;larr;larrb;larrbfs;larrfs;larrhk;larrlp;larrpl;larrsim;larrtl;lat;latail;late;la"
    "tes;lbarr;lbbrk;lbrace;lbrack;lbrke;lbrksld;lbrkslu;lcaron;lcedil;lceil;lcub;lcy;ldca;ld"
    "quo;ldquor;ldrdhar;ldrushar;ldsh;le;leftarrow;leftarrowtail;leftharpoondown;leftharpoonu"
    "p;leftleftarrows;leftrightarrow;leftrightarrows;leftrightharpoons;leftrightsquigarrow;le"
    "ftthreetimes;leg;leq;leqq;leqslant;les;lescc;lesdot;lesdoto;lesdotor;lesg;lesges;lessapp"
    "rox;lessdot;lesseqgtr;lesseqqgtr;lessgtr;lesssim;lfisht;lfloor;lfr;lg;lgE;lhard;lharu;lh"
    "arul;lhblk;ljcy;ll;llarr;llcorner;llhard;lltri;lmidot;lmoust;lmoustache;lnE;lnap;lnappro"
    "x;lne;lneq;lneqq;lnsim;loang;loarr;lobrk;longleftarrow;longleftrightarrow;longmapsto;lon"
    "grightarrow;looparrowleft;looparrowright;lopar;lopf;loplus;lotimes;lowast;lowbar;loz;loz"
    "enge;lozf;lpar;lparlt;lrarr;lrcorner;lrhar;lrhard;lrm;lrtri;lsaquo;lscr;lsh;lsim;lsime;l"
    "simg;lsqb;lsquo;lsquor;lstrok;ltlt;ltcc;ltcir;ltdot;lthree;ltimes;ltlarr;ltquest;ltrPar;"
    "ltri;ltrie;ltrif;lurdshar;luruhar;lvertneqq;lvnE;mDDot;macrmacr;male;malt;maltese;map;ma"
    "psto;mapstodown;mapstoleft;mapstoup;marker;mcomma;mcy;mdash;measuredangle;mfr;mho;microm"
    "icro;mid;midast;midcir;middotmiddot;minus;minusb;minusd;minusdu;mlcp;mldr;mnplus;models;"
    "mopf;mp;mscr;mstpos;mu;multimap;mumap;nGg;nGt;nGtv;nLeftarrow;nLeftrightarrow;nLl;nLt;nL"
    "tv;nRightarrow;nVDash;nVdash;nabla;nacute;nang;nap;napE;napid;napos;napprox;natur;natura"
    "l;naturals;nbspnbsp;nbump;nbumpe;ncap;ncaron;ncedil;ncong;ncongdot;ncup;ncy;ndash;ne;neA"
    "rr;nearhk;nearr;nearrow;nedot;nequiv;nesear;nesim;nexist;nexists;nfr;ngE;nge;ngeq;ngeqq;"
    "ngeqslant;nges;ngsim;ngt;ngtr;nhArr;nharr;nhpar;ni;nis;nisd;niv;njcy;nlArr;nlE;nlarr;nld"
    "r;nle;nleftarrow;nleftrightarrow;nleq;nleqq;nleqslant;nles;nless;nlsim;nlt;nltri;nltrie;"
    "nmid;nopf;notnot;notin;notinE;notindot;notinva;notinvb;notinvc;notni;notniva;notnivb;not"
    "nivc;npar;nparallel;nparsl;npart;npolint;npr;nprcue;npre;nprec;npreceq;nrArr;nrarr;nrarr"
    "c;nrarrw;nrightarrow;nrtri;nrtrie;nsc;nsccue;nsce;nscr;nshortmid;nshortparallel;nsim;nsi"
    "me;nsimeq;nsmid;nspar;nsqsube;nsqsupe;nsub;nsubE;nsube;nsubset;nsubseteq;nsubseteqq;nsuc"
    "c;nsucceq;nsup;nsupE;nsupe;nsupset;nsupseteq;nsupseteqq;ntgl;ntildentilde;ntlg;ntriangle"
    "left;ntrianglelefteq;ntriangleright;ntrianglerighteq;nu;num;numero;numsp;nvDash;nvHarr;n"
    "vap;nvdash;nvge;nvgt;nvinfin;nvlArr;nvle;nvlt;nvltrie;nvrArr;nvrtrie;nvsim;nwArr;nwarhk;"
    "nwarr;nwarrow;nwnear;oS;oacuteoacute;oast;ocir;ocircocirc;ocy;odash;odblac;odiv;odot;ods"
    "old;oelig;ofcir;ofr;ogon;ograveograve;ogt;ohbar;ohm;oint;olarr;olcir;olcross;oline;olt;o"
    "macr;omega;omicron;omid;ominus;oopf;opar;operp;oplus;or;orarr;ord;order;orderof;ordfordf"
    ";ordmordm;origof;oror;orslope;orv;oscr;oslashoslash;osol;otildeotilde;otimes;otimesas;ou"
    "mlouml;ovbar;par;parapara;parallel;parsim;parsl;part;pcy;percnt;period;permil;perp;perte"
    "nk;pfr;phi;phiv;phmmat;phone;pi;pitchfork;piv;planck;planckh;plankv;plus;plusacir;plusb;"
    "pluscir;plusdo;plusdu;pluse;plusmnplusmn;plussim;plustwo;pm;pointint;popf;poundpound;pr;"
    "prE;prap;prcue;pre;prec;precapprox;preccurlyeq;preceq;precnapprox;precneqq;precnsim;prec"
    "sim;prime;primes;prnE;prnap;prnsim;prod;profalar;profline;profsurf;prop;propto;prsim;pru"
    "rel;pscr;psi;puncsp;qfr;qint;qopf;qprime;qscr;quaternions;quatint;quest;questeq;quotquot"
    ";rAarr;rArr;rAtail;rBarr;rHar;race;racute;radic;raemptyv;rang;rangd;range;rangle;raquora"
    "quo;rarr;rarrap;rarrb;rarrbfs;rarrc;rarrfs;rarrhk;rarrlp;rarrpl;rarrsim;rarrtl;rarrw;rat"
    "ail;ratio;rationals;rbarr;rbbrk;rbrace;rbrack;rbrke;rbrksld;rbrkslu;rcaron;rcedil;rceil;"
    "rcub;rcy;rdca;rdldhar;rdquo;rdquor;rdsh;real;realine;realpart;reals;rect;regreg;rfisht;r"
    "floor;rfr;rhard;rharu;rharul;rho;rhov;rightarrow;rightarrowtail;rightharpoondown;rightha"
    "rpoonup;rightleftarrows;rightleftharpoons;rightrightarrows;rightsquigarrow;rightthreetim"
    "es;ring;risingdotseq;rlarr;rlhar;rlm;rmoust;rmoustache;rnmid;roang;roarr;robrk;ropar;rop"
    "f;roplus;rotimes;rpar;rpargt;rppolint;rrarr;rsaquo;rscr;rsh;rsqb;rsquo;rsquor;rthree;rti"
    "mes;rtri;rtrie;rtrif;rtriltri;ruluhar;rx;sacute;sbquo;sc;scE;scap;scaron;sccue;sce;scedi"
    "l;scirc;scnE;scnap;scnsim;scpolint;scsim;scy;sdot;sdotb;sdote;seArr;searhk;searr;searrow"
    ";sectsect;semi;seswar;setminus;setmn;sext;sfr;sfrown;sharp;shchcy;shcy;shortmid;shortpar"
    "allel;shyshy;sigma;sigmaf;sigmav;sim;simdot;sime;simeq;simg;simgE;siml;simlE;simne;simpl"
    "us;simrarr;slarr;smallsetminus;smashp;smeparsl;smid;smile;smt;smte;smtes;softcy;sol;solb"
    ";solbar;sopf;spades;spadesuit;spar;sqcap;sqcaps;sqcup;sqcups;sqsub;sqsube;sqsubset;sqsub"
    "seteq;sqsup;sqsupe;sqsupset;sqsupseteq;squ;square;squarf;squf;srarr;sscr;ssetmn;ssmile;s"
    "starf;star;starf;straightepsilon;straightphi;strns;sub;subE;subdot;sube;subedot;submult;"
    "subnE;subne;subplus;subrarr;subset;subseteq;subseteqq;subsetneq;subsetneqq;subsim;subsub"
    ";subsup;succ;succapprox;succcurlyeq;succeq;succnapprox;succneqq;succnsim;succsim;sum;sun"
    "g;sup1sup1;sup2sup2;sup3sup3;sup;supE;supdot;supdsub;supe;supedot;suphsol;suphsub;suplar"
    "r;supmult;supnE;supne;supplus;supset;supseteq;supseteqq;supsetneq;supsetneqq;supsim;sups"
    "ub;supsup;swArr;swarhk;swarr;swarrow;swnwar;szligszlig;target;tau;tbrk;tcaron;tcedil;tcy"
    ";tdot;telrec;tfr;there4;therefore;theta;thetasym;thetav;thickapprox;thicksim;thinsp;thka"
    "p;thksim;thornthorn;tilde;timestimes;timesb;timesbar;timesd;tint;toea;top;topbot;topcir;"
    "topf;topfork;tosa;tprime;trade;triangle;triangledown;triangleleft;trianglelefteq;triangl"
    "eq;triangleright;trianglerighteq;tridot;trie;triminus;triplus;trisb;tritime;trpezium;tsc"
    "r;tscy;tshcy;tstrok;twixt;twoheadleftarrow;twoheadrightarrow;uArr;uHar;uacuteuacute;uarr"
    ";ubrcy;ubreve;ucircucirc;ucy;udarr;udblac;udhar;ufisht;ufr;ugraveugrave;uharl;uharr;uhbl"
    "k;ulcorn;ulcorner;ulcrop;ultri;umacr;umluml;uogon;uopf;uparrow;updownarrow;upharpoonleft"
    ";upharpoonright;uplus;upsi;upsih;upsilon;upuparrows;urcorn;urcorner;urcrop;uring;urtri;u"
    "scr;utdot;utilde;utri;utrif;uuarr;uumluuml;uwangle;vArr;vBar;vBarv;vDash;vangrt;varepsil"
    "on;varkappa;varnothing;varphi;varpi;varpropto;varr;varrho;varsigma;varsubsetneq;varsubse"
    "tneqq;varsupsetneq;varsupsetneqq;vartheta;vartriangleleft;vartriangleright;vcy;vdash;vee"
    ";veebar;veeeq;vellip;verbar;vert;vfr;vltri;vnsub;vnsup;vopf;vprop;vrtri;vscr;vsubnE;vsub"
    "ne;vsupnE;vsupne;vzigzag;wcirc;wedbar;wedge;wedgeq;weierp;wfr;wopf;wp;wr;wreath;wscr;xca"
    "p;xcirc;xcup;xdtri;xfr;xhArr;xharr;xi;xlArr;xlarr;xmap;xnis;xodot;xopf;xoplus;xotime;xrA"
    "rr;xrarr;xscr;xsqcup;xuplus;xutri;xvee;xwedge;yacuteyacute;yacy;ycirc;ycy;yenyen;yfr;yic"
    "y;yopf;yscr;yucy;yumlyuml;zacute;zcaron;zcy;zdot;zeetrf;zeta;zfr;zhcy;zigrarr;zopf;zscr;"
    "zwj;zwnj;";

/* Every distinct value (UTF-8), back to back. */
static const char s_values[] =
    "\303\206&\303\201\304\202\303\202\320\220\360\235\224\204\303\200\316\221\304\200\342"
    "\251\223\304\204\360\235\224\270\342\201\241\303\205\360\235\222\234\342\211\224\303\203"
    "\303\204\342\210\226\342\253\247\342\214\206\320\221\342\210\265\342\204\254\316\222\360"
    "\235\224\205\360\235\224\271\313\230\342\211\216\320\247\302\251\304\206\342\213\222\342"
    "\205\205\342\204\255\304\214\303\207\304\210\342\210\260\304\212\302\270\302\267\316\247"
    "\342\212\231\342\212\226\342\212\225\342\212\227\342\210\262\342\200\235\342\200\231\342"
    "\210\267\342\251\264\342\211\241\342\210\257\342\210\256\342\204\202\342\210\220\342\210"
    "\263\342\250\257\360\235\222\236\342\213\223\342\211\215\342\244\221\320\202\320\205\320"
    "\217\342\200\241\342\206\241\342\253\244\304\216\320\224\342\210\207\316\224\360\235\224"
    "\207\302\264\313\231\313\235`\313\234\342\213\204\342\205\206\360\235\224\273\302\250"
    "\342\203\234\342\211\220\342\207\223\342\207\220\342\207\224\342\237\270\342\237\272\342"
    "\237\271\342\207\222\342\212\250\342\207\221\342\207\225\342\210\245\342\206\223\342\244"
    "\223\342\207\265\314\221\342\245\220\342\245\236\342\206\275\342\245\226\342\245\237\342"
    "\207\201\342\245\227\342\212\244\342\206\247\360\235\222\237\304\220\305\212\303\220\303"
    "\211\304\232\303\212\320\255\304\226\360\235\224\210\303\210\342\210\210\304\222\342\227"
    "\273\342\226\253\304\230\360\235\224\274\316\225\342\251\265\342\211\202\342\207\214\342"
    "\204\260\342\251\263\316\227\303\213\342\210\203\342\205\207\320\244\360\235\224\211\342"
    "\227\274\342\226\252\360\235\224\275\342\210\200\342\204\261\320\203>\316\223\317\234"
    "\304\236\304\242\304\234\320\223\304\240\360\235\224\212\342\213\231\360\235\224\276\342"
    "\211\245\342\213\233\342\211\247\342\252\242\342\211\267\342\251\276\342\211\263\360\235"
    "\222\242\342\211\253\320\252\313\207^\304\244\342\204\214\342\204\213\342\204\215\342"
    "\224\200\304\246\342\211\217\320\225\304\262\320\201\303\215\303\216\320\230\304\260\342"
    "\204\221\303\214\304\252\342\205\210\342\210\254\342\210\253\342\213\202\342\201\243\342"
    "\201\242\304\256\360\235\225\200\316\231\342\204\220\304\250\320\206\303\217\304\264\320"
    "\231\360\235\224\215\360\235\225\201\360\235\222\245\320\210\320\204\320\245\320\214\316"
    "\232\304\266\320\232\360\235\224\216\360\235\225\202\360\235\222\246\320\211<\304\271"
    "\316\233\342\237\252\342\204\222\342\206\236\304\275\304\273\320\233\342\237\250\342\206"
    "\220\342\207\244\342\207\206\342\214\210\342\237\246\342\245\241\342\207\203\342\245\231"
    "\342\214\212\342\206\224\342\245\216\342\212\243\342\206\244\342\245\232\342\212\262\342"
    "\247\217\342\212\264\342\245\221\342\245\240\342\206\277\342\245\230\342\206\274\342\245"
    "\222\342\213\232\342\211\246\342\211\266\342\252\241\342\251\275\342\211\262\360\235\224"
    "\217\342\213\230\342\207\232\304\277\342\237\265\342\237\267\342\237\266\360\235\225\203"
    "\342\206\231\342\206\230\342\206\260\305\201\342\211\252\342\244\205\320\234\342\201\237"
    "\342\204\263\360\235\224\220\342\210\223\360\235\225\204\316\234\320\212\305\203\305\207"
    "\305\205\320\235\342\200\213\012\360\235\224\221\342\201\240\302\240\342\204\225\342\253"
    "\254\342\211\242\342\211\255\342\210\246\342\210\211\342\211\240\342\211\202\314\270\342"
    "\210\204\342\211\257\342\211\261\342\211\247\314\270\342\211\253\314\270\342\211\271\342"
    "\251\276\314\270\342\211\265\342\211\216\314\270\342\211\217\314\270\342\213\252\342\247"
    "\217\314\270\342\213\254\342\211\256\342\211\260\342\211\270\342\211\252\314\270\342\251"
    "\275\314\270\342\211\264\342\252\242\314\270\342\252\241\314\270\342\212\200\342\252\257"
    "\314\270\342\213\240\342\210\214\342\213\253\342\247\220\314\270\342\213\255\342\212\217"
    "\314\270\342\213\242\342\212\220\314\270\342\213\243\342\212\202\342\203\222\342\212\210"
    "\342\212\201\342\252\260\314\270\342\213\241\342\211\277\314\270\342\212\203\342\203\222"
    "\342\212\211\342\211\201\342\211\204\342\211\207\342\211\211\342\210\244\360\235\222\251"
    "\303\221\316\235\305\222\303\223\303\224\320\236\305\220\360\235\224\222\303\222\305\214"
    "\316\251\316\237\360\235\225\206\342\200\234\342\200\230\342\251\224\360\235\222\252\303"
    "\230\303\225\342\250\267\303\226\342\200\276\342\217\236\342\216\264\342\217\234\342\210"
    "\202\320\237\360\235\224\223\316\246\316\240\302\261\342\204\231\342\252\273\342\211\272"
    "\342\252\257\342\211\274\342\211\276\342\200\263\342\210\217\342\210\235\360\235\222\253"
    "\316\250\"\360\235\224\224\342\204\232\360\235\222\254\342\244\220\302\256\305\224\342"
    "\237\253\342\206\240\342\244\226\305\230\305\226\320\240\342\204\234\342\210\213\342\207"
    "\213\342\245\257\316\241\342\237\251\342\206\222\342\207\245\342\207\204\342\214\211\342"
    "\237\247\342\245\235\342\207\202\342\245\225\342\214\213\342\212\242\342\206\246\342\245"
    "\233\342\212\263\342\247\220\342\212\265\342\245\217\342\245\234\342\206\276\342\245\224"
    "\342\207\200\342\245\223\342\204\235\342\245\260\342\207\233\342\204\233\342\206\261\342"
    "\247\264\320\251\320\250\320\254\305\232\342\252\274\305\240\305\236\305\234\320\241\360"
    "\235\224\226\342\206\221\316\243\342\210\230\360\235\225\212\342\210\232\342\226\241\342"
    "\212\223\342\212\217\342\212\221\342\212\220\342\212\222\342\212\224\360\235\222\256\342"
    "\213\206\342\213\220\342\212\206\342\211\273\342\252\260\342\211\275\342\211\277\342\210"
    "\221\342\213\221\342\212\203\342\212\207\303\236\342\204\242\320\213\320\246\011\316\244"
    "\305\244\305\242\320\242\360\235\224\227\342\210\264\316\230\342\201\237\342\200\212\342"
    "\200\211\342\210\274\342\211\203\342\211\205\342\211\210\360\235\225\213\342\203\233\360"
    "\235\222\257\305\246\303\232\342\206\237\342\245\211\320\216\305\254\303\233\320\243\305"
    "\260\360\235\224\230\303\231\305\252_\342\217\237\342\216\265\342\217\235\342\213\203"
    "\342\212\216\305\262\360\235\225\214\342\244\222\342\207\205\342\206\225\342\245\256\342"
    "\212\245\342\206\245\342\206\226\342\206\227\317\222\316\245\305\256\360\235\222\260\305"
    "\250\303\234\342\212\253\342\253\253\320\222\342\212\251\342\253\246\342\213\201\342\200"
    "\226\342\210\243|\342\235\230\342\211\200\342\200\212\360\235\224\231\360\235\225\215"
    "\360\235\222\261\342\212\252\305\264\342\213\200\360\235\224\232\360\235\225\216\360\235"
    "\222\262\360\235\224\233\316\236\360\235\225\217\360\235\222\263\320\257\320\207\320\256"
    "\303\235\305\266\320\253\360\235\224\234\360\235\225\220\360\235\222\264\305\270\320\226"
    "\305\271\305\275\320\227\305\273\316\226\342\204\250\342\204\244\360\235\222\265\303\241"
    "\304\203\342\210\276\342\210\276\314\263\342\210\277\303\242\320\260\303\246\360\235\224"
    "\236\303\240\342\204\265\316\261\304\201\342\250\277\342\210\247\342\251\225\342\251\234"
    "\342\251\230\342\251\232\342\210\240\342\246\244\342\210\241\342\246\250\342\246\251\342"
    "\246\252\342\246\253\342\246\254\342\246\255\342\246\256\342\246\257\342\210\237\342\212"
    "\276\342\246\235\342\210\242\342\215\274\304\205\360\235\225\222\342\251\260\342\251\257"
    "\342\211\212\342\211\213'\303\245\360\235\222\266*\303\243\303\244\342\250\221\342\253"
    "\255\342\211\214\317\266\342\200\265\342\210\275\342\213\215\342\212\275\342\214\205\342"
    "\216\266\320\261\342\200\236\342\246\260\316\262\342\204\266\342\211\254\360\235\224\237"
    "\342\227\257\342\250\200\342\250\201\342\250\202\342\250\206\342\230\205\342\226\275\342"
    "\226\263\342\250\204\342\244\215\342\247\253\342\226\264\342\226\276\342\227\202\342\226"
    "\270\342\220\243\342\226\222\342\226\221\342\226\223\342\226\210=\342\203\245\342\211"
    "\241\342\203\245\342\214\220\360\235\225\223\342\213\210\342\225\227\342\225\224\342\225"
    "\226\342\225\223\342\225\220\342\225\246\342\225\251\342\225\244\342\225\247\342\225\235"
    "\342\225\232\342\225\234\342\225\231\342\225\221\342\225\254\342\225\243\342\225\240\342"
    "\225\253\342\225\242\342\225\237\342\247\211\342\225\225\342\225\222\342\224\220\342\224"
    "\214\342\225\245\342\225\250\342\224\254\342\224\264\342\212\237\342\212\236\342\212\240"
    "\342\225\233\342\225\230\342\224\230\342\224\224\342\224\202\342\225\252\342\225\241\342"
    "\225\236\342\224\274\342\224\244\342\224\234\302\246\360\235\222\267\342\201\217\\\342"
    "\247\205\342\237\210\342\200\242\342\252\256\304\207\342\210\251\342\251\204\342\251\211"
    "\342\251\213\342\251\207\342\251\200\342\210\251\357\270\200\342\201\201\342\251\215\304"
    "\215\303\247\304\211\342\251\214\342\251\220\304\213\342\246\262\302\242\360\235\224\240"
    "\321\207\342\234\223\317\207\342\227\213\342\247\203\313\206\342\211\227\342\206\272\342"
    "\206\273\342\223\210\342\212\233\342\212\232\342\212\235\342\250\220\342\253\257\342\247"
    "\202\342\231\243:,@\342\210\201\342\251\255\360\235\225\224\342\204\227\342\206\265\342"
    "\234\227\360\235\222\270\342\253\217\342\253\221\342\253\220\342\253\222\342\213\257\342"
    "\244\270\342\244\265\342\213\236\342\213\237\342\206\266\342\244\275\342\210\252\342\251"
    "\210\342\251\206\342\251\212\342\212\215\342\251\205\342\210\252\357\270\200\342\206\267"
    "\342\244\274\342\213\216\342\213\217\302\244\342\210\261\342\214\255\342\245\245\342\200"
    "\240\342\204\270\342\200\220\342\244\217\304\217\320\264\342\207\212\342\251\267\302\260"
    "\316\264\342\246\261\342\245\277\360\235\224\241\342\231\246\317\235\342\213\262\303\267"
    "\342\213\207\321\222\342\214\236\342\214\215$\360\235\225\225\342\211\221\342\210\270"
    "\342\210\224\342\212\241\342\214\237\342\214\214\360\235\222\271\321\225\342\247\266\304"
    "\221\342\213\261\342\226\277\342\246\246\321\237\342\237\277\303\251\342\251\256\304\233"
    "\342\211\226\303\252\342\211\225\321\215\304\227\342\211\222\360\235\224\242\342\252\232"
    "\303\250\342\252\226\342\252\230\342\252\231\342\217\247\342\204\223\342\252\225\342\252"
    "\227\304\223\342\210\205\342\200\204\342\200\205\342\200\203\305\213\342\200\202\304\231"
    "\360\235\225\226\342\213\225\342\247\243\342\251\261\316\265\317\265=\342\211\237\342"
    "\251\270\342\247\245\342\211\223\342\245\261\342\204\257\316\267\303\260\303\253\342\202"
    "\254!\321\204\342\231\200\357\254\203\357\254\200\357\254\204\360\235\224\243\357\254"
    "\201fj\342\231\255\357\254\202\342\226\261\306\222\360\235\225\227\342\213\224\342\253"
    "\231\342\250\215\302\275\342\205\223\302\274\342\205\225\342\205\231\342\205\233\342\205"
    "\224\342\205\226\302\276\342\205\227\342\205\234\342\205\230\342\205\232\342\205\235\342"
    "\205\236\342\201\204\342\214\242\360\235\222\273\342\252\214\307\265\316\263\342\252\206"
    "\304\237\304\235\320\263\304\241\342\252\251\342\252\200\342\252\202\342\252\204\342\213"
    "\233\357\270\200\342\252\224\360\235\224\244\342\204\267\321\223\342\252\222\342\252\245"
    "\342\252\244\342\211\251\342\252\212\342\252\210\342\213\247\360\235\225\230\342\204\212"
    "\342\252\216\342\252\220\342\252\247\342\251\272\342\213\227\342\246\225\342\251\274\342"
    "\245\270\342\211\251\357\270\200\321\212\342\245\210\342\206\255\342\204\217\304\245\342"
    "\231\245\342\200\246\342\212\271\360\235\224\245\342\244\245\342\244\246\342\207\277\342"
    "\210\273\342\206\251\342\206\252\360\235\225\231\342\200\225\360\235\222\275\304\247\342"
    "\201\203\303\255\303\256\320\270\320\265\302\241\360\235\224\246\303\254\342\250\214\342"
    "\210\255\342\247\234\342\204\251\304\263\304\253\304\261\342\212\267\306\265\342\204\205"
    "\342\210\236\342\247\235\342\212\272\342\250\227\342\250\274\321\221\304\257\360\235\225"
    "\232\316\271\302\277\360\235\222\276\342\213\271\342\213\265\342\213\264\342\213\263\304"
    "\251\321\226\303\257\304\265\320\271\360\235\224\247\310\267\360\235\225\233\360\235\222"
    "\277\321\230\321\224\316\272\317\260\304\267\320\272\360\235\224\250\304\270\321\205\321"
    "\234\360\235\225\234\360\235\223\200\342\244\233\342\244\216\342\252\213\342\245\242\304"
    "\272\342\246\264\316\273\342\246\221\342\252\205\302\253\342\244\237\342\244\235\342\206"
    "\253\342\244\271\342\245\263\342\206\242\342\252\253\342\244\231\342\252\255\342\252\255"
    "\357\270\200\342\244\214\342\235\262{[\342\246\213\342\246\217\342\246\215\304\276\304"
    "\274\320\273\342\244\266\342\245\247\342\245\213\342\206\262\342\211\244\342\207\207\342"
    "\213\213\342\252\250\342\251\277\342\252\201\342\252\203\342\213\232\357\270\200\342\252"
    "\223\342\213\226\342\245\274\360\235\224\251\342\252\221\342\245\252\342\226\204\321\231"
    "\342\245\253\342\227\272\305\200\342\216\260\342\211\250\342\252\211\342\252\207\342\213"
    "\246\342\237\254\342\207\275\342\237\274\342\206\254\342\246\205\360\235\225\235\342\250"
    "\255\342\250\264\342\210\227\342\227\212(\342\246\223\342\245\255\342\200\216\342\212"
    "\277\342\200\271\360\235\223\201\342\252\215\342\252\217\342\200\232\305\202\342\252\246"
    "\342\251\271\342\213\211\342\245\266\342\251\273\342\246\226\342\227\203\342\245\212\342"
    "\245\246\342\211\250\357\270\200\342\210\272\302\257\342\231\202\342\234\240\342\226\256"
    "\342\250\251\320\274\342\200\224\360\235\224\252\342\204\247\302\265\342\253\260\342\210"
    "\222\342\250\252\342\253\233\342\212\247\360\235\225\236\360\235\223\202\316\274\342\212"
    "\270\342\213\231\314\270\342\211\253\342\203\222\342\207\215\342\207\216\342\213\230\314"
    "\270\342\211\252\342\203\222\342\207\217\342\212\257\342\212\256\305\204\342\210\240\342"
    "\203\222\342\251\260\314\270\342\211\213\314\270\305\211\342\231\256\342\251\203\305\210"
    "\305\206\342\251\255\314\270\342\251\202\320\275\342\200\223\342\207\227\342\244\244\342"
    "\211\220\314\270\342\244\250\360\235\224\253\342\206\256\342\253\262\342\213\274\342\213"
    "\272\321\232\342\211\246\314\270\342\206\232\342\200\245\360\235\225\237\302\254\342\213"
    "\271\314\270\342\213\265\314\270\342\213\267\342\213\266\342\213\276\342\213\275\342\253"
    "\275\342\203\245\342\210\202\314\270\342\250\224\342\206\233\342\244\263\314\270\342\206"
    "\235\314\270\360\235\223\203\342\212\204\342\253\205\314\270\342\212\205\342\253\206\314"
    "\270\303\261\316\275#\342\204\226\342\200\207\342\212\255\342\244\204\342\211\215\342"
    "\203\222\342\212\254\342\211\245\342\203\222>\342\203\222\342\247\236\342\244\202\342"
    "\211\244\342\203\222<\342\203\222\342\212\264\342\203\222\342\244\203\342\212\265\342"
    "\203\222\342\210\274\342\203\222\342\207\226\342\244\243\342\244\247\303\263\303\264\320"
    "\276\305\221\342\250\270\342\246\274\305\223\342\246\277\360\235\224\254\313\233\303\262"
    "\342\247\201\342\246\265\342\246\276\342\246\273\342\247\200\305\215\317\211\316\277\342"
    "\246\266\360\235\225\240\342\246\267\342\246\271\342\210\250\342\251\235\342\204\264\302"
    "\252\302\272\342\212\266\342\251\226\342\251\227\342\251\233\303\270\342\212\230\303\265"
    "\342\250\266\303\266\342\214\275\302\266\342\253\263\342\253\275\320\277%.\342\200\260"
    "\342\200\261\360\235\224\255\317\206\317\225\342\230\216\317\200\317\226\342\204\216+"
    "\342\250\243\342\250\242\342\250\245\342\251\262\342\250\246\342\250\247\342\250\225\360"
    "\235\225\241\302\243\342\252\263\342\252\267\342\252\271\342\252\265\342\213\250\342\200"
    "\262\342\214\256\342\214\222\342\214\223\342\212\260\360\235\223\205\317\210\342\200\210"
    "\360\235\224\256\360\235\225\242\342\201\227\360\235\223\206\342\250\226\?\342\244\234"
    "\342\245\244\342\210\275\314\261\305\225\342\246\263\342\246\222\342\246\245\302\273\342"
    "\245\265\342\244\240\342\244\263\342\244\236\342\245\205\342\245\264\342\206\243\342\206"
    "\235\342\244\232\342\210\266\342\235\263}]\342\246\214\342\246\216\342\246\220\305\231"
    "\305\227\321\200\342\244\267\342\245\251\342\206\263\342\226\255\342\245\275\360\235\224"
    "\257\342\245\254\317\201\317\261\342\207\211\342\213\214\313\232\342\200\217\342\216\261"
    "\342\253\256\342\237\255\342\207\276\342\246\206\360\235\225\243\342\250\256\342\250\265"
    ")\342\246\224\342\250\222\342\200\272\360\235\223\207\342\213\212\342\226\271\342\247"
    "\216\342\245\250\342\204\236\305\233\342\252\264\342\252\270\305\241\305\237\305\235\342"
    "\252\266\342\252\272\342\213\251\342\250\223\321\201\342\213\205\342\251\246\342\207\230"
    "\302\247;\342\244\251\342\234\266\360\235\224\260\342\231\257\321\211\321\210\302\255"
    "\317\203\317\202\342\251\252\342\252\236\342\252\240\342\252\235\342\252\237\342\211\206"
    "\342\250\244\342\245\262\342\250\263\342\247\244\342\214\243\342\252\252\342\252\254\342"
    "\252\254\357\270\200\321\214/\342\247\204\342\214\277\360\235\225\244\342\231\240\342"
    "\212\223\357\270\200\342\212\224\357\270\200\360\235\223\210\342\230\206\342\212\202\342"
    "\253\205\342\252\275\342\253\203\342\253\201\342\253\213\342\212\212\342\252\277\342\245"
    "\271\342\253\207\342\253\225\342\253\223\342\231\252\302\271\302\262\302\263\342\253\206"
    "\342\252\276\342\253\230\342\253\204\342\237\211\342\253\227\342\245\273\342\253\202\342"
    "\253\214\342\212\213\342\253\200\342\253\210\342\253\224\342\253\226\342\207\231\342\244"
    "\252\303\237\342\214\226\317\204\305\245\305\243\321\202\342\214\225\360\235\224\261\316"
    "\270\317\221\303\276\303\227\342\250\261\342\250\260\342\214\266\342\253\261\360\235\225"
    "\245\342\253\232\342\200\264\342\226\265\342\211\234\342\227\254\342\250\272\342\250\271"
    "\342\247\215\342\250\273\342\217\242\360\235\223\211\321\206\321\233\305\247\342\245\243"
    "\303\272\321\236\305\255\303\273\321\203\305\261\342\245\276\360\235\224\262\303\271\342"
    "\226\200\342\214\234\342\214\217\342\227\270\305\253\305\263\360\235\225\246\317\205\342"
    "\207\210\342\214\235\342\214\216\305\257\342\227\271\360\235\223\212\342\213\260\305\251"
    "\303\274\342\246\247\342\253\250\342\253\251\342\246\234\342\212\212\357\270\200\342\253"
    "\213\357\270\200\342\212\213\357\270\200\342\253\214\357\270\200\320\262\342\212\273\342"
    "\211\232\342\213\256\360\235\224\263\360\235\225\247\360\235\223\213\342\246\232\305\265"
    "\342\251\237\342\211\231\342\204\230\360\235\224\264\360\235\225\250\360\235\223\214\360"
    "\235\224\265\316\276\342\213\273\360\235\225\251\360\235\223\215\303\275\321\217\305\267"
    "\321\213\302\245\360\235\224\266\321\227\360\235\225\252\360\235\223\216\321\216\303\277"
    "\305\272\305\276\320\267\305\274\316\266\360\235\224\267\320\266\342\207\235\360\235\225"
    "\253\360\235\223\217\342\200\215\342\200\214";

typedef struct {
    uint16_t name_off;
    uint8_t name_len;
    uint8_t value_len;
    uint16_t value_off;
} s_entry_t;

static const s_entry_t s_entries[ZC_ENTITIES_COUNT] = {
    {0, 5, 2, 0}, /* AElig */
    {5, 6, 2, 0}, /* AElig; */
    {11, 3, 1, 2}, /* AMP */
    {14, 4, 1, 2}, /* AMP; */
    {18, 6, 2, 3}, /* Aacute */
    {24, 7, 2, 3}, /* Aacute; */
    {31, 7, 2, 5}, /* Abreve; */
    {38, 5, 2, 7}, /* Acirc */
    {43, 6, 2, 7}, /* Acirc; */
    {49, 4, 2, 9}, /* Acy; */
    {53, 4, 4, 11}, /* Afr; */
    {57, 6, 2, 15}, /* Agrave */
    {63, 7, 2, 15}, /* Agrave; */
    {70, 6, 2, 17}, /* Alpha; */
    {76, 6, 2, 19}, /* Amacr; */
    {82, 4, 3, 21}, /* And; */
    {86, 6, 2, 24}, /* Aogon; */
    {92, 5, 4, 26}, /* Aopf; */
    {97, 14, 3, 30}, /* ApplyFunction; */
    {111, 5, 2, 33}, /* Aring */
    {116, 6, 2, 33}, /* Aring; */
    {122, 5, 4, 35}, /* Ascr; */
    {127, 7, 3, 39}, /* Assign; */
    {134, 6, 2, 42}, /* Atilde */
    {140, 7, 2, 42}, /* Atilde; */
    {147, 4, 2, 44}, /* Auml */
    {151, 5, 2, 44}, /* Auml; */
    {156, 10, 3, 46}, /* Backslash; */
    {166, 5, 3, 49}, /* Barv; */
    {171, 7, 3, 52}, /* Barwed; */
    {178, 4, 2, 55}, /* Bcy; */
    {182, 8, 3, 57}, /* Because; */
    {190, 11, 3, 60}, /* Bernoullis; */
    {201, 5, 2, 63}, /* Beta; */
    {206, 4, 4, 65}, /* Bfr; */
    {210, 5, 4, 69}, /* Bopf; */
    {215, 6, 2, 73}, /* Breve; */
    {221, 5, 3, 60}, /* Bscr; */
    {226, 7, 3, 75}, /* Bumpeq; */
    {233, 5, 2, 78}, /* CHcy; */
    {238, 4, 2, 80}, /* COPY */
    {242, 5, 2, 80}, /* COPY; */
    {247, 7, 2, 82}, /* Cacute; */
    {254, 4, 3, 84}, /* Cap; */
    {258, 21, 3, 87}, /* CapitalDifferentialD; */
    {279, 8, 3, 90}, /* Cayleys; */
    {287, 7, 2, 93}, /* Ccaron; */
    {294, 6, 2, 95}, /* Ccedil */
    {300, 7, 2, 95}, /* Ccedil; */
    {307, 6, 2, 97}, /* Ccirc; */
    {313, 8, 3, 99}, /* Cconint; */
    {321, 5, 2, 102}, /* Cdot; */
    {326, 8, 2, 104}, /* Cedilla; */
    {334, 10, 2, 106}, /* CenterDot; */
    {344, 4, 3, 90}, /* Cfr; */
    {348, 4, 2, 108}, /* Chi; */
    {352, 10, 3, 110}, /* CircleDot; */
    {362, 12, 3, 113}, /* CircleMinus; */
    {374, 11, 3, 116}, /* CirclePlus; */
    {385, 12, 3, 119}, /* CircleTimes; */
    {397, 25, 3, 122}, /* ClockwiseContourIntegral; */
    {422, 22, 3, 125}, /* CloseCurlyDoubleQuote; */
    {444, 16, 3, 128}, /* CloseCurlyQuote; */
    {460, 6, 3, 131}, /* Colon; */
    {466, 7, 3, 134}, /* Colone; */
    {473, 10, 3, 137}, /* Congruent; */
    {483, 7, 3, 140}, /* Conint; */
    {490, 16, 3, 143}, /* ContourIntegral; */
    {506, 5, 3, 146}, /* Copf; */
    {511, 10, 3, 149}, /* Coproduct; */
    {521, 32, 3, 152}, /* CounterClockwiseContourIntegral; */
    {553, 6, 3, 155}, /* Cross; */
    {559, 5, 4, 158}, /* Cscr; */
    {564, 4, 3, 162}, /* Cup; */
    {568, 7, 3, 165}, /* CupCap; */
    {575, 3, 3, 87}, /* DD; */
    {578, 9, 3, 168}, /* DDotrahd; */
    {587, 5, 2, 171}, /* DJcy; */
    {592, 5, 2, 173}, /* DScy; */
    {597, 5, 2, 175}, /* DZcy; */
    {602, 7, 3, 177}, /* Dagger; */
    {609, 5, 3, 180}, /* Darr; */
    {614, 6, 3, 183}, /* Dashv; */
    {620, 7, 2, 186}, /* Dcaron; */
    {627, 4, 2, 188}, /* Dcy; */
    {631, 4, 3, 190}, /* Del; */
    {635, 6, 2, 193}, /* Delta; */
    {641, 4, 4, 195}, /* Dfr; */
    {645, 17, 2, 199}, /* DiacriticalAcute; */
    {662, 15, 2, 201}, /* DiacriticalDot; */
    {677, 23, 2, 203}, /* DiacriticalDoubleAcute; */
    {700, 17, 1, 205}, /* DiacriticalGrave; */
    {717, 17, 2, 206}, /* DiacriticalTilde; */
    {734, 8, 3, 208}, /* Diamond; */
    {742, 14, 3, 211}, /* DifferentialD; */
    {756, 5, 4, 214}, /* Dopf; */
    {761, 4, 2, 218}, /* Dot; */
    {765, 7, 3, 220}, /* DotDot; */
    {772, 9, 3, 223}, /* DotEqual; */
    {781, 22, 3, 140}, /* DoubleContourIntegral; */
    {803, 10, 2, 218}, /* DoubleDot; */
    {813, 16, 3, 226}, /* DoubleDownArrow; */
    {829, 16, 3, 229}, /* DoubleLeftArrow; */
    {845, 21, 3, 232}, /* DoubleLeftRightArrow; */
    {866, 14, 3, 183}, /* DoubleLeftTee; */
    {880, 20, 3, 235}, /* DoubleLongLeftArrow; */
    {900, 25, 3, 238}, /* DoubleLongLeftRightArrow; */
    {925, 21, 3, 241}, /* DoubleLongRightArrow; */
    {946, 17, 3, 244}, /* DoubleRightArrow; */
    {963, 15, 3, 247}, /* DoubleRightTee; */
    {978, 14, 3, 250}, /* DoubleUpArrow; */
    {992, 18, 3, 253}, /* DoubleUpDownArrow; */
    {1010, 18, 3, 256}, /* DoubleVerticalBar; */
    {1028, 10, 3, 259}, /* DownArrow; */
    {1038, 13, 3, 262}, /* DownArrowBar; */
    {1051, 17, 3, 265}, /* DownArrowUpArrow; */
    {1068, 10, 2, 268}, /* DownBreve; */
    {1078, 20, 3, 270}, /* DownLeftRightVector; */
    {1098, 18, 3, 273}, /* DownLeftTeeVector; */
    {1116, 15, 3, 276}, /* DownLeftVector; */
    {1131, 18, 3, 279}, /* DownLeftVectorBar; */
    {1149, 19, 3, 282}, /* DownRightTeeVector; */
    {1168, 16, 3, 285}, /* DownRightVector; */
    {1184, 19, 3, 288}, /* DownRightVectorBar; */
    {1203, 8, 3, 291}, /* DownTee; */
    {1211, 13, 3, 294}, /* DownTeeArrow; */
    {1224, 10, 3, 226}, /* Downarrow; */
    {1234, 5, 4, 297}, /* Dscr; */
    {1239, 7, 2, 301}, /* Dstrok; */
    {1246, 4, 2, 303}, /* ENG; */
    {1250, 3, 2, 305}, /* ETH */
    {1253, 4, 2, 305}, /* ETH; */
    {1257, 6, 2, 307}, /* Eacute */
    {1263, 7, 2, 307}, /* Eacute; */
    {1270, 7, 2, 309}, /* Ecaron; */
    {1277, 5, 2, 311}, /* Ecirc */
    {1282, 6, 2, 311}, /* Ecirc; */
    {1288, 4, 2, 313}, /* Ecy; */
    {1292, 5, 2, 315}, /* Edot; */
    {1297, 4, 4, 317}, /* Efr; */
    {1301, 6, 2, 321}, /* Egrave */
    {1307, 7, 2, 321}, /* Egrave; */
    {1314, 8, 3, 323}, /* Element; */
    {1322, 6, 2, 326}, /* Emacr; */
    {1328, 17, 3, 328}, /* EmptySmallSquare; */
    {1345, 21, 3, 331}, /* EmptyVerySmallSquare; */
    {1366, 6, 2, 334}, /* Eogon; */
    {1372, 5, 4, 336}, /* Eopf; */
    {1377, 8, 2, 340}, /* Epsilon; */
    {1385, 6, 3, 342}, /* Equal; */
    {1391, 11, 3, 345}, /* EqualTilde; */
    {1402, 12, 3, 348}, /* Equilibrium; */
    {1414, 5, 3, 351}, /* Escr; */
    {1419, 5, 3, 354}, /* Esim; */
    {1424, 4, 2, 357}, /* Eta; */
    {1428, 4, 2, 359}, /* Euml */
    {1432, 5, 2, 359}, /* Euml; */
    {1437, 7, 3, 361}, /* Exists; */
    {1444, 13, 3, 364}, /* ExponentialE; */
    {1457, 4, 2, 367}, /* Fcy; */
    {1461, 4, 4, 369}, /* Ffr; */
    {1465, 18, 3, 373}, /* FilledSmallSquare; */
    {1483, 22, 3, 376}, /* FilledVerySmallSquare; */
    {1505, 5, 4, 379}, /* Fopf; */
    {1510, 7, 3, 383}, /* ForAll; */
    {1517, 11, 3, 386}, /* Fouriertrf; */
    {1528, 5, 3, 386}, /* Fscr; */
    {1533, 5, 2, 389}, /* GJcy; */
    {1538, 2, 1, 391}, /* GT */
    {1540, 3, 1, 391}, /* GT; */
    {1543, 6, 2, 392}, /* Gamma; */
    {1549, 7, 2, 394}, /* Gammad; */
    {1556, 7, 2, 396}, /* Gbreve; */
    {1563, 7, 2, 398}, /* Gcedil; */
    {1570, 6, 2, 400}, /* Gcirc; */
    {1576, 4, 2, 402}, /* Gcy; */
    {1580, 5, 2, 404}, /* Gdot; */
    {1585, 4, 4, 406}, /* Gfr; */
    {1589, 3, 3, 410}, /* Gg; */
    {1592, 5, 4, 413}, /* Gopf; */
    {1597, 13, 3, 417}, /* GreaterEqual; */
    {1610, 17, 3, 420}, /* GreaterEqualLess; */
    {1627, 17, 3, 423}, /* GreaterFullEqual; */
    {1644, 15, 3, 426}, /* GreaterGreater; */
    {1659, 12, 3, 429}, /* GreaterLess; */
    {1671, 18, 3, 432}, /* GreaterSlantEqual; */
    {1689, 13, 3, 435}, /* GreaterTilde; */
    {1702, 5, 4, 438}, /* Gscr; */
    {1707, 3, 3, 442}, /* Gt; */
    {1710, 7, 2, 445}, /* HARDcy; */
    {1717, 6, 2, 447}, /* Hacek; */
    {1723, 4, 1, 449}, /* Hat; */
    {1727, 6, 2, 450}, /* Hcirc; */
    {1733, 4, 3, 452}, /* Hfr; */
    {1737, 13, 3, 455}, /* HilbertSpace; */
    {1750, 5, 3, 458}, /* Hopf; */
    {1755, 15, 3, 461}, /* HorizontalLine; */
    {1770, 5, 3, 455}, /* Hscr; */
    {1775, 7, 2, 464}, /* Hstrok; */
    {1782, 13, 3, 75}, /* HumpDownHump; */
    {1795, 10, 3, 466}, /* HumpEqual; */
    {1805, 5, 2, 469}, /* IEcy; */
    {1810, 6, 2, 471}, /* IJlig; */
    {1816, 5, 2, 473}, /* IOcy; */
    {1821, 6, 2, 475}, /* Iacute */
    {1827, 7, 2, 475}, /* Iacute; */
    {1834, 5, 2, 477}, /* Icirc */
    {1839, 6, 2, 477}, /* Icirc; */
    {1845, 4, 2, 479}, /* Icy; */
    {1849, 5, 2, 481}, /* Idot; */
    {1854, 4, 3, 483}, /* Ifr; */
    {1858, 6, 2, 486}, /* Igrave */
    {1864, 7, 2, 486}, /* Igrave; */
    {1871, 3, 3, 483}, /* Im; */
    {1874, 6, 2, 488}, /* Imacr; */
    {1880, 11, 3, 490}, /* ImaginaryI; */
    {1891, 8, 3, 244}, /* Implies; */
    {1899, 4, 3, 493}, /* Int; */
    {1903, 9, 3, 496}, /* Integral; */
    {1912, 13, 3, 499}, /* Intersection; */
    {1925, 15, 3, 502}, /* InvisibleComma; */
    {1940, 15, 3, 505}, /* InvisibleTimes; */
    {1955, 6, 2, 508}, /* Iogon; */
    {1961, 5, 4, 510}, /* Iopf; */
    {1966, 5, 2, 514}, /* Iota; */
    {1971, 5, 3, 516}, /* Iscr; */
    {1976, 7, 2, 519}, /* Itilde; */
    {1983, 6, 2, 521}, /* Iukcy; */
    {1989, 4, 2, 523}, /* Iuml */
    {1993, 5, 2, 523}, /* Iuml; */
    {1998, 6, 2, 525}, /* Jcirc; */
    {2004, 4, 2, 527}, /* Jcy; */
    {2008, 4, 4, 529}, /* Jfr; */
    {2012, 5, 4, 533}, /* Jopf; */
    {2017, 5, 4, 537}, /* Jscr; */
    {2022, 7, 2, 541}, /* Jsercy; */
    {2029, 6, 2, 543}, /* Jukcy; */
    {2035, 5, 2, 545}, /* KHcy; */
    {2040, 5, 2, 547}, /* KJcy; */
    {2045, 6, 2, 549}, /* Kappa; */
    {2051, 7, 2, 551}, /* Kcedil; */
    {2058, 4, 2, 553}, /* Kcy; */
    {2062, 4, 4, 555}, /* Kfr; */
    {2066, 5, 4, 559}, /* Kopf; */
    {2071, 5, 4, 563}, /* Kscr; */
    {2076, 5, 2, 567}, /* LJcy; */
    {2081, 2, 1, 569}, /* LT */
    {2083, 3, 1, 569}, /* LT; */
    {2086, 7, 2, 570}, /* Lacute; */
    {2093, 7, 2, 572}, /* Lambda; */
    {2100, 5, 3, 574}, /* Lang; */
    {2105, 11, 3, 577}, /* Laplacetrf; */
    {2116, 5, 3, 580}, /* Larr; */
    {2121, 7, 2, 583}, /* Lcaron; */
    {2128, 7, 2, 585}, /* Lcedil; */
    {2135, 4, 2, 587}, /* Lcy; */
    {2139, 17, 3, 589}, /* LeftAngleBracket; */
    {2156, 10, 3, 592}, /* LeftArrow; */
    {2166, 13, 3, 595}, /* LeftArrowBar; */
    {2179, 20, 3, 598}, /* LeftArrowRightArrow; */
    {2199, 12, 3, 601}, /* LeftCeiling; */
    {2211, 18, 3, 604}, /* LeftDoubleBracket; */
    {2229, 18, 3, 607}, /* LeftDownTeeVector; */
    {2247, 15, 3, 610}, /* LeftDownVector; */
    {2262, 18, 3, 613}, /* LeftDownVectorBar; */
    {2280, 10, 3, 616}, /* LeftFloor; */
    {2290, 15, 3, 619}, /* LeftRightArrow; */
    {2305, 16, 3, 622}, /* LeftRightVector; */
    {2321, 8, 3, 625}, /* LeftTee; */
    {2329, 13, 3, 628}, /* LeftTeeArrow; */
    {2342, 14, 3, 631}, /* LeftTeeVector; */
    {2356, 13, 3, 634}, /* LeftTriangle; */
    {2369, 16, 3, 637}, /* LeftTriangleBar; */
    {2385, 18, 3, 640}, /* LeftTriangleEqual; */
    {2403, 17, 3, 643}, /* LeftUpDownVector; */
    {2420, 16, 3, 646}, /* LeftUpTeeVector; */
    {2436, 13, 3, 649}, /* LeftUpVector; */
    {2449, 16, 3, 652}, /* LeftUpVectorBar; */
    {2465, 11, 3, 655}, /* LeftVector; */
    {2476, 14, 3, 658}, /* LeftVectorBar; */
    {2490, 10, 3, 229}, /* Leftarrow; */
    {2500, 15, 3, 232}, /* Leftrightarrow; */
    {2515, 17, 3, 661}, /* LessEqualGreater; */
    {2532, 14, 3, 664}, /* LessFullEqual; */
    {2546, 12, 3, 667}, /* LessGreater; */
    {2558, 9, 3, 670}, /* LessLess; */
    {2567, 15, 3, 673}, /* LessSlantEqual; */
    {2582, 10, 3, 676}, /* LessTilde; */
    {2592, 4, 4, 679}, /* Lfr; */
    {2596, 3, 3, 683}, /* Ll; */
    {2599, 11, 3, 686}, /* Lleftarrow; */
    {2610, 7, 2, 689}, /* Lmidot; */
    {2617, 14, 3, 691}, /* LongLeftArrow; */
    {2631, 19, 3, 694}, /* LongLeftRightArrow; */
    {2650, 15, 3, 697}, /* LongRightArrow; */
    {2665, 14, 3, 235}, /* Longleftarrow; */
    {2679, 19, 3, 238}, /* Longleftrightarrow; */
    {2698, 15, 3, 241}, /* Longrightarrow; */
    {2713, 5, 4, 700}, /* Lopf; */
    {2718, 15, 3, 704}, /* LowerLeftArrow; */
    {2733, 16, 3, 707}, /* LowerRightArrow; */
    {2749, 5, 3, 577}, /* Lscr; */
    {2754, 4, 3, 710}, /* Lsh; */
    {2758, 7, 2, 713}, /* Lstrok; */
    {2765, 3, 3, 715}, /* Lt; */
    {2768, 4, 3, 718}, /* Map; */
    {2772, 4, 2, 721}, /* Mcy; */
    {2776, 12, 3, 723}, /* MediumSpace; */
    {2788, 10, 3, 726}, /* Mellintrf; */
    {2798, 4, 4, 729}, /* Mfr; */
    {2802, 10, 3, 733}, /* MinusPlus; */
    {2812, 5, 4, 736}, /* Mopf; */
    {2817, 5, 3, 726}, /* Mscr; */
    {2822, 3, 2, 740}, /* Mu; */
    {2825, 5, 2, 742}, /* NJcy; */
    {2830, 7, 2, 744}, /* Nacute; */
    {2837, 7, 2, 746}, /* Ncaron; */
    {2844, 7, 2, 748}, /* Ncedil; */
    {2851, 4, 2, 750}, /* Ncy; */
    {2855, 20, 3, 752}, /* NegativeMediumSpace; */
    {2875, 19, 3, 752}, /* NegativeThickSpace; */
    {2894, 18, 3, 752}, /* NegativeThinSpace; */
    {2912, 22, 3, 752}, /* NegativeVeryThinSpace; */
    {2934, 21, 3, 442}, /* NestedGreaterGreater; */
    {2955, 15, 3, 715}, /* NestedLessLess; */
    {2970, 8, 1, 755}, /* NewLine; */
    {2978, 4, 4, 756}, /* Nfr; */
    {2982, 8, 3, 760}, /* NoBreak; */
    {2990, 17, 2, 763}, /* NonBreakingSpace; */
    {3007, 5, 3, 765}, /* Nopf; */
    {3012, 4, 3, 768}, /* Not; */
    {3016, 13, 3, 771}, /* NotCongruent; */
    {3029, 10, 3, 774}, /* NotCupCap; */
    {3039, 21, 3, 777}, /* NotDoubleVerticalBar; */
    {3060, 11, 3, 780}, /* NotElement; */
    {3071, 9, 3, 783}, /* NotEqual; */
    {3080, 14, 5, 786}, /* NotEqualTilde; */
    {3094, 10, 3, 791}, /* NotExists; */
    {3104, 11, 3, 794}, /* NotGreater; */
    {3115, 16, 3, 797}, /* NotGreaterEqual; */
    {3131, 20, 5, 800}, /* NotGreaterFullEqual; */
    {3151, 18, 5, 805}, /* NotGreaterGreater; */
    {3169, 15, 3, 810}, /* NotGreaterLess; */
    {3184, 21, 5, 813}, /* NotGreaterSlantEqual; */
    {3205, 16, 3, 818}, /* NotGreaterTilde; */
    {3221, 16, 5, 821}, /* NotHumpDownHump; */
    {3237, 13, 5, 826}, /* NotHumpEqual; */
    {3250, 16, 3, 831}, /* NotLeftTriangle; */
    {3266, 19, 5, 834}, /* NotLeftTriangleBar; */
    {3285, 21, 3, 839}, /* NotLeftTriangleEqual; */
    {3306, 8, 3, 842}, /* NotLess; */
    {3314, 13, 3, 845}, /* NotLessEqual; */
    {3327, 15, 3, 848}, /* NotLessGreater; */
    {3342, 12, 5, 851}, /* NotLessLess; */
    {3354, 18, 5, 856}, /* NotLessSlantEqual; */
    {3372, 13, 3, 861}, /* NotLessTilde; */
    {3385, 24, 5, 864}, /* NotNestedGreaterGreater; */
    {3409, 18, 5, 869}, /* NotNestedLessLess; */
    {3427, 12, 3, 874}, /* NotPrecedes; */
    {3439, 17, 5, 877}, /* NotPrecedesEqual; */
    {3456, 22, 3, 882}, /* NotPrecedesSlantEqual; */
    {3478, 18, 3, 885}, /* NotReverseElement; */
    {3496, 17, 3, 888}, /* NotRightTriangle; */
    {3513, 20, 5, 891}, /* NotRightTriangleBar; */
    {3533, 22, 3, 896}, /* NotRightTriangleEqual; */
    {3555, 16, 5, 899}, /* NotSquareSubset; */
    {3571, 21, 3, 904}, /* NotSquareSubsetEqual; */
    {3592, 18, 5, 907}, /* NotSquareSuperset; */
    {3610, 23, 3, 912}, /* NotSquareSupersetEqual; */
    {3633, 10, 6, 915}, /* NotSubset; */
    {3643, 15, 3, 921}, /* NotSubsetEqual; */
    {3658, 12, 3, 924}, /* NotSucceeds; */
    {3670, 17, 5, 927}, /* NotSucceedsEqual; */
    {3687, 22, 3, 932}, /* NotSucceedsSlantEqual; */
    {3709, 17, 5, 935}, /* NotSucceedsTilde; */
    {3726, 12, 6, 940}, /* NotSuperset; */
    {3738, 17, 3, 946}, /* NotSupersetEqual; */
    {3755, 9, 3, 949}, /* NotTilde; */
    {3764, 14, 3, 952}, /* NotTildeEqual; */
    {3778, 18, 3, 955}, /* NotTildeFullEqual; */
    {3796, 14, 3, 958}, /* NotTildeTilde; */
    {3810, 15, 3, 961}, /* NotVerticalBar; */
    {3825, 5, 4, 964}, /* Nscr; */
    {3830, 6, 2, 968}, /* Ntilde */
    {3836, 7, 2, 968}, /* Ntilde; */
    {3843, 3, 2, 970}, /* Nu; */
    {3846, 6, 2, 972}, /* OElig; */
    {3852, 6, 2, 974}, /* Oacute */
    {3858, 7, 2, 974}, /* Oacute; */
    {3865, 5, 2, 976}, /* Ocirc */
    {3870, 6, 2, 976}, /* Ocirc; */
    {3876, 4, 2, 978}, /* Ocy; */
    {3880, 7, 2, 980}, /* Odblac; */
    {3887, 4, 4, 982}, /* Ofr; */
    {3891, 6, 2, 986}, /* Ograve */
    {3897, 7, 2, 986}, /* Ograve; */
    {3904, 6, 2, 988}, /* Omacr; */
    {3910, 6, 2, 990}, /* Omega; */
    {3916, 8, 2, 992}, /* Omicron; */
    {3924, 5, 4, 994}, /* Oopf; */
    {3929, 21, 3, 998}, /* OpenCurlyDoubleQuote; */
    {3950, 15, 3, 1001}, /* OpenCurlyQuote; */
    {3965, 3, 3, 1004}, /* Or; */
    {3968, 5, 4, 1007}, /* Oscr; */
    {3973, 6, 2, 1011}, /* Oslash */
    {3979, 7, 2, 1011}, /* Oslash; */
    {3986, 6, 2, 1013}, /* Otilde */
    {3992, 7, 2, 1013}, /* Otilde; */
    {3999, 7, 3, 1015}, /* Otimes; */
    {4006, 4, 2, 1018}, /* Ouml */
    {4010, 5, 2, 1018}, /* Ouml; */
    {4015, 8, 3, 1020}, /* OverBar; */
    {4023, 10, 3, 1023}, /* OverBrace; */
    {4033, 12, 3, 1026}, /* OverBracket; */
    {4045, 16, 3, 1029}, /* OverParenthesis; */
    {4061, 9, 3, 1032}, /* PartialD; */
    {4070, 4, 2, 1035}, /* Pcy; */
    {4074, 4, 4, 1037}, /* Pfr; */
    {4078, 4, 2, 1041}, /* Phi; */
    {4082, 3, 2, 1043}, /* Pi; */
    {4085, 10, 2, 1045}, /* PlusMinus; */
    {4095, 14, 3, 452}, /* Poincareplane; */
    {4109, 5, 3, 1047}, /* Popf; */
    {4114, 3, 3, 1050}, /* Pr; */
    {4117, 9, 3, 1053}, /* Precedes; */
    {4126, 14, 3, 1056}, /* PrecedesEqual; */
    {4140, 19, 3, 1059}, /* PrecedesSlantEqual; */
    {4159, 14, 3, 1062}, /* PrecedesTilde; */
    {4173, 6, 3, 1065}, /* Prime; */
    {4179, 8, 3, 1068}, /* Product; */
    {4187, 11, 3, 131}, /* Proportion; */
    {4198, 13, 3, 1071}, /* Proportional; */
    {4211, 5, 4, 1074}, /* Pscr; */
    {4216, 4, 2, 1078}, /* Psi; */
    {4220, 4, 1, 1080}, /* QUOT */
    {4224, 5, 1, 1080}, /* QUOT; */
    {4229, 4, 4, 1081}, /* Qfr; */
    {4233, 5, 3, 1085}, /* Qopf; */
    {4238, 5, 4, 1088}, /* Qscr; */
    {4243, 6, 3, 1092}, /* RBarr; */
    {4249, 3, 2, 1095}, /* REG */
    {4252, 4, 2, 1095}, /* REG; */
    {4256, 7, 2, 1097}, /* Racute; */
    {4263, 5, 3, 1099}, /* Rang; */
    {4268, 5, 3, 1102}, /* Rarr; */
    {4273, 7, 3, 1105}, /* Rarrtl; */
    {4280, 7, 2, 1108}, /* Rcaron; */
    {4287, 7, 2, 1110}, /* Rcedil; */
    {4294, 4, 2, 1112}, /* Rcy; */
    {4298, 3, 3, 1114}, /* Re; */
    {4301, 15, 3, 1117}, /* ReverseElement; */
    {4316, 19, 3, 1120}, /* ReverseEquilibrium; */
    {4335, 21, 3, 1123}, /* ReverseUpEquilibrium; */
    {4356, 4, 3, 1114}, /* Rfr; */
    {4360, 4, 2, 1126}, /* Rho; */
    {4364, 18, 3, 1128}, /* RightAngleBracket; */
    {4382, 11, 3, 1131}, /* RightArrow; */
    {4393, 14, 3, 1134}, /* RightArrowBar; */
    {4407, 20, 3, 1137}, /* RightArrowLeftArrow; */
    {4427, 13, 3, 1140}, /* RightCeiling; */
    {4440, 19, 3, 1143}, /* RightDoubleBracket; */
    {4459, 19, 3, 1146}, /* RightDownTeeVector; */
    {4478, 16, 3, 1149}, /* RightDownVector; */
    {4494, 19, 3, 1152}, /* RightDownVectorBar; */
    {4513, 11, 3, 1155}, /* RightFloor; */
    {4524, 9, 3, 1158}, /* RightTee; */
    {4533, 14, 3, 1161}, /* RightTeeArrow; */
    {4547, 15, 3, 1164}, /* RightTeeVector; */
    {4562, 14, 3, 1167}, /* RightTriangle; */
    {4576, 17, 3, 1170}, /* RightTriangleBar; */
    {4593, 19, 3, 1173}, /* RightTriangleEqual; */
    {4612, 18, 3, 1176}, /* RightUpDownVector; */
    {4630, 17, 3, 1179}, /* RightUpTeeVector; */
    {4647, 14, 3, 1182}, /* RightUpVector; */
    {4661, 17, 3, 1185}, /* RightUpVectorBar; */
    {4678, 12, 3, 1188}, /* RightVector; */
    {4690, 15, 3, 1191}, /* RightVectorBar; */
    {4705, 11, 3, 244}, /* Rightarrow; */
    {4716, 5, 3, 1194}, /* Ropf; */
    {4721, 13, 3, 1197}, /* RoundImplies; */
    {4734, 12, 3, 1200}, /* Rrightarrow; */
    {4746, 5, 3, 1203}, /* Rscr; */
    {4751, 4, 3, 1206}, /* Rsh; */
    {4755, 12, 3, 1209}, /* RuleDelayed; */
    {4767, 7, 2, 1212}, /* SHCHcy; */
    {4774, 5, 2, 1214}, /* SHcy; */
    {4779, 7, 2, 1216}, /* SOFTcy; */
    {4786, 7, 2, 1218}, /* Sacute; */
    {4793, 3, 3, 1220}, /* Sc; */
    {4796, 7, 2, 1223}, /* Scaron; */
    {4803, 7, 2, 1225}, /* Scedil; */
    {4810, 6, 2, 1227}, /* Scirc; */
    {4816, 4, 2, 1229}, /* Scy; */
    {4820, 4, 4, 1231}, /* Sfr; */
    {4824, 15, 3, 259}, /* ShortDownArrow; */
    {4839, 15, 3, 592}, /* ShortLeftArrow; */
    {4854, 16, 3, 1131}, /* ShortRightArrow; */
    {4870, 13, 3, 1235}, /* ShortUpArrow; */
    {4883, 6, 2, 1238}, /* Sigma; */
    {4889, 12, 3, 1240}, /* SmallCircle; */
    {4901, 5, 4, 1243}, /* Sopf; */
    {4906, 5, 3, 1247}, /* Sqrt; */
    {4911, 7, 3, 1250}, /* Square; */
    {4918, 19, 3, 1253}, /* SquareIntersection; */
    {4937, 13, 3, 1256}, /* SquareSubset; */
    {4950, 18, 3, 1259}, /* SquareSubsetEqual; */
    {4968, 15, 3, 1262}, /* SquareSuperset; */
    {4983, 20, 3, 1265}, /* SquareSupersetEqual; */
    {5003, 12, 3, 1268}, /* SquareUnion; */
    {5015, 5, 4, 1271}, /* Sscr; */
    {5020, 5, 3, 1275}, /* Star; */
    {5025, 4, 3, 1278}, /* Sub; */
    {5029, 7, 3, 1278}, /* Subset; */
    {5036, 12, 3, 1281}, /* SubsetEqual; */
    {5048, 9, 3, 1284}, /* Succeeds; */
    {5057, 14, 3, 1287}, /* SucceedsEqual; */
    {5071, 19, 3, 1290}, /* SucceedsSlantEqual; */
    {5090, 14, 3, 1293}, /* SucceedsTilde; */
    {5104, 9, 3, 1117}, /* SuchThat; */
    {5113, 4, 3, 1296}, /* Sum; */
    {5117, 4, 3, 1299}, /* Sup; */
    {5121, 9, 3, 1302}, /* Superset; */
    {5130, 14, 3, 1305}, /* SupersetEqual; */
    {5144, 7, 3, 1299}, /* Supset; */
    {5151, 5, 2, 1308}, /* THORN */
    {5156, 6, 2, 1308}, /* THORN; */
    {5162, 6, 3, 1310}, /* TRADE; */
    {5168, 6, 2, 1313}, /* TSHcy; */
    {5174, 5, 2, 1315}, /* TScy; */
    {5179, 4, 1, 1317}, /* Tab; */
    {5183, 4, 2, 1318}, /* Tau; */
    {5187, 7, 2, 1320}, /* Tcaron; */
    {5194, 7, 2, 1322}, /* Tcedil; */
    {5201, 4, 2, 1324}, /* Tcy; */
    {5205, 4, 4, 1326}, /* Tfr; */
    {5209, 10, 3, 1330}, /* Therefore; */
    {5219, 6, 2, 1333}, /* Theta; */
    {5225, 11, 6, 1335}, /* ThickSpace; */
    {5236, 10, 3, 1341}, /* ThinSpace; */
    {5246, 6, 3, 1344}, /* Tilde; */
    {5252, 11, 3, 1347}, /* TildeEqual; */
    {5263, 15, 3, 1350}, /* TildeFullEqual; */
    {5278, 11, 3, 1353}, /* TildeTilde; */
    {5289, 5, 4, 1356}, /* Topf; */
    {5294, 10, 3, 1360}, /* TripleDot; */
    {5304, 5, 4, 1363}, /* Tscr; */
    {5309, 7, 2, 1367}, /* Tstrok; */
    {5316, 6, 2, 1369}, /* Uacute */
    {5322, 7, 2, 1369}, /* Uacute; */
    {5329, 5, 3, 1371}, /* Uarr; */
    {5334, 9, 3, 1374}, /* Uarrocir; */
    {5343, 6, 2, 1377}, /* Ubrcy; */
    {5349, 7, 2, 1379}, /* Ubreve; */
    {5356, 5, 2, 1381}, /* Ucirc */
    {5361, 6, 2, 1381}, /* Ucirc; */
    {5367, 4, 2, 1383}, /* Ucy; */
    {5371, 7, 2, 1385}, /* Udblac; */
    {5378, 4, 4, 1387}, /* Ufr; */
    {5382, 6, 2, 1391}, /* Ugrave */
    {5388, 7, 2, 1391}, /* Ugrave; */
    {5395, 6, 2, 1393}, /* Umacr; */
    {5401, 9, 1, 1395}, /* UnderBar; */
    {5410, 11, 3, 1396}, /* UnderBrace; */
    {5421, 13, 3, 1399}, /* UnderBracket; */
    {5434, 17, 3, 1402}, /* UnderParenthesis; */
    {5451, 6, 3, 1405}, /* Union; */
    {5457, 10, 3, 1408}, /* UnionPlus; */
    {5467, 6, 2, 1411}, /* Uogon; */
    {5473, 5, 4, 1413}, /* Uopf; */
    {5478, 8, 3, 1235}, /* UpArrow; */
    {5486, 11, 3, 1417}, /* UpArrowBar; */
    {5497, 17, 3, 1420}, /* UpArrowDownArrow; */
    {5514, 12, 3, 1423}, /* UpDownArrow; */
    {5526, 14, 3, 1426}, /* UpEquilibrium; */
    {5540, 6, 3, 1429}, /* UpTee; */
    {5546, 11, 3, 1432}, /* UpTeeArrow; */
    {5557, 8, 3, 250}, /* Uparrow; */
    {5565, 12, 3, 253}, /* Updownarrow; */
    {5577, 15, 3, 1435}, /* UpperLeftArrow; */
    {5592, 16, 3, 1438}, /* UpperRightArrow; */
    {5608, 5, 2, 1441}, /* Upsi; */
    {5613, 8, 2, 1443}, /* Upsilon; */
    {5621, 6, 2, 1445}, /* Uring; */
    {5627, 5, 4, 1447}, /* Uscr; */
    {5632, 7, 2, 1451}, /* Utilde; */
    {5639, 4, 2, 1453}, /* Uuml */
    {5643, 5, 2, 1453}, /* Uuml; */
    {5648, 6, 3, 1455}, /* VDash; */
    {5654, 5, 3, 1458}, /* Vbar; */
    {5659, 4, 2, 1461}, /* Vcy; */
    {5663, 6, 3, 1463}, /* Vdash; */
    {5669, 7, 3, 1466}, /* Vdashl; */
    {5676, 4, 3, 1469}, /* Vee; */
    {5680, 7, 3, 1472}, /* Verbar; */
    {5687, 5, 3, 1472}, /* Vert; */
    {5692, 12, 3, 1475}, /* VerticalBar; */
    {5704, 13, 1, 1478}, /* VerticalLine; */
    {5717, 18, 3, 1479}, /* VerticalSeparator; */
    {5735, 14, 3, 1482}, /* VerticalTilde; */
    {5749, 14, 3, 1485}, /* VeryThinSpace; */
    {5763, 4, 4, 1488}, /* Vfr; */
    {5767, 5, 4, 1492}, /* Vopf; */
    {5772, 5, 4, 1496}, /* Vscr; */
    {5777, 7, 3, 1500}, /* Vvdash; */
    {5784, 6, 2, 1503}, /* Wcirc; */
    {5790, 6, 3, 1505}, /* Wedge; */
    {5796, 4, 4, 1508}, /* Wfr; */
    {5800, 5, 4, 1512}, /* Wopf; */
    {5805, 5, 4, 1516}, /* Wscr; */
    {5810, 4, 4, 1520}, /* Xfr; */
    {5814, 3, 2, 1524}, /* Xi; */
    {5817, 5, 4, 1526}, /* Xopf; */
    {5822, 5, 4, 1530}, /* Xscr; */
    {5827, 5, 2, 1534}, /* YAcy; */
    {5832, 5, 2, 1536}, /* YIcy; */
    {5837, 5, 2, 1538}, /* YUcy; */
    {5842, 6, 2, 1540}, /* Yacute */
    {5848, 7, 2, 1540}, /* Yacute; */
    {5855, 6, 2, 1542}, /* Ycirc; */
    {5861, 4, 2, 1544}, /* Ycy; */
    {5865, 4, 4, 1546}, /* Yfr; */
    {5869, 5, 4, 1550}, /* Yopf; */
    {5874, 5, 4, 1554}, /* Yscr; */
    {5879, 5, 2, 1558}, /* Yuml; */
    {5884, 5, 2, 1560}, /* ZHcy; */
    {5889, 7, 2, 1562}, /* Zacute; */
    {5896, 7, 2, 1564}, /* Zcaron; */
    {5903, 4, 2, 1566}, /* Zcy; */
    {5907, 5, 2, 1568}, /* Zdot; */
    {5912, 15, 3, 752}, /* ZeroWidthSpace; */
    {5927, 5, 2, 1570}, /* Zeta; */
    {5932, 4, 3, 1572}, /* Zfr; */
    {5936, 5, 3, 1575}, /* Zopf; */
    {5941, 5, 4, 1578}, /* Zscr; */
    {5946, 6, 2, 1582}, /* aacute */
    {5952, 7, 2, 1582}, /* aacute; */
    {5959, 7, 2, 1584}, /* abreve; */
    {5966, 3, 3, 1586}, /* ac; */
    {5969, 4, 5, 1589}, /* acE; */
    {5973, 4, 3, 1594}, /* acd; */
    {5977, 5, 2, 1597}, /* acirc */
    {5982, 6, 2, 1597}, /* acirc; */
    {5988, 5, 2, 199}, /* acute */
    {5993, 6, 2, 199}, /* acute; */
    {5999, 4, 2, 1599}, /* acy; */
    {6003, 5, 2, 1601}, /* aelig */
    {6008, 6, 2, 1601}, /* aelig; */
    {6014, 3, 3, 30}, /* af; */
    {6017, 4, 4, 1603}, /* afr; */
    {6021, 6, 2, 1607}, /* agrave */
    {6027, 7, 2, 1607}, /* agrave; */
    {6034, 8, 3, 1609}, /* alefsym; */
    {6042, 6, 3, 1609}, /* aleph; */
    {6048, 6, 2, 1612}, /* alpha; */
    {6054, 6, 2, 1614}, /* amacr; */
    {6060, 6, 3, 1616}, /* amalg; */
    {6066, 3, 1, 2}, /* amp */
    {6069, 4, 1, 2}, /* amp; */
    {6073, 4, 3, 1619}, /* and; */
    {6077, 7, 3, 1622}, /* andand; */
    {6084, 5, 3, 1625}, /* andd; */
    {6089, 9, 3, 1628}, /* andslope; */
    {6098, 5, 3, 1631}, /* andv; */
    {6103, 4, 3, 1634}, /* ang; */
    {6107, 5, 3, 1637}, /* ange; */
    {6112, 6, 3, 1634}, /* angle; */
    {6118, 7, 3, 1640}, /* angmsd; */
    {6125, 9, 3, 1643}, /* angmsdaa; */
    {6134, 9, 3, 1646}, /* angmsdab; */
    {6143, 9, 3, 1649}, /* angmsdac; */
    {6152, 9, 3, 1652}, /* angmsdad; */
    {6161, 9, 3, 1655}, /* angmsdae; */
    {6170, 9, 3, 1658}, /* angmsdaf; */
    {6179, 9, 3, 1661}, /* angmsdag; */
    {6188, 9, 3, 1664}, /* angmsdah; */
    {6197, 6, 3, 1667}, /* angrt; */
    {6203, 8, 3, 1670}, /* angrtvb; */
    {6211, 9, 3, 1673}, /* angrtvbd; */
    {6220, 7, 3, 1676}, /* angsph; */
    {6227, 6, 2, 33}, /* angst; */
    {6233, 8, 3, 1679}, /* angzarr; */
    {6241, 6, 2, 1682}, /* aogon; */
    {6247, 5, 4, 1684}, /* aopf; */
    {6252, 3, 3, 1353}, /* ap; */
    {6255, 4, 3, 1688}, /* apE; */
    {6259, 7, 3, 1691}, /* apacir; */
    {6266, 4, 3, 1694}, /* ape; */
    {6270, 5, 3, 1697}, /* apid; */
    {6275, 5, 1, 1700}, /* apos; */
    {6280, 7, 3, 1353}, /* approx; */
    {6287, 9, 3, 1694}, /* approxeq; */
    {6296, 5, 2, 1701}, /* aring */
    {6301, 6, 2, 1701}, /* aring; */
    {6307, 5, 4, 1703}, /* ascr; */
    {6312, 4, 1, 1707}, /* ast; */
    {6316, 6, 3, 1353}, /* asymp; */
    {6322, 8, 3, 165}, /* asympeq; */
    {6330, 6, 2, 1708}, /* atilde */
    {6336, 7, 2, 1708}, /* atilde; */
    {6343, 4, 2, 1710}, /* auml */
    {6347, 5, 2, 1710}, /* auml; */
    {6352, 9, 3, 152}, /* awconint; */
    {6361, 6, 3, 1712}, /* awint; */
    {6367, 5, 3, 1715}, /* bNot; */
    {6372, 9, 3, 1718}, /* backcong; */
    {6381, 12, 2, 1721}, /* backepsilon; */
    {6393, 10, 3, 1723}, /* backprime; */
    {6403, 8, 3, 1726}, /* backsim; */
    {6411, 10, 3, 1729}, /* backsimeq; */
    {6421, 7, 3, 1732}, /* barvee; */
    {6428, 7, 3, 1735}, /* barwed; */
    {6435, 9, 3, 1735}, /* barwedge; */
    {6444, 5, 3, 1399}, /* bbrk; */
    {6449, 9, 3, 1738}, /* bbrktbrk; */
    {6458, 6, 3, 1718}, /* bcong; */
    {6464, 4, 2, 1741}, /* bcy; */
    {6468, 6, 3, 1743}, /* bdquo; */
    {6474, 7, 3, 57}, /* becaus; */
    {6481, 8, 3, 57}, /* because; */
    {6489, 8, 3, 1746}, /* bemptyv; */
    {6497, 6, 2, 1721}, /* bepsi; */
    {6503, 7, 3, 60}, /* bernou; */
    {6510, 5, 2, 1749}, /* beta; */
    {6515, 5, 3, 1751}, /* beth; */
    {6520, 8, 3, 1754}, /* between; */
    {6528, 4, 4, 1757}, /* bfr; */
    {6532, 7, 3, 499}, /* bigcap; */
    {6539, 8, 3, 1761}, /* bigcirc; */
    {6547, 7, 3, 1405}, /* bigcup; */
    {6554, 8, 3, 1764}, /* bigodot; */
    {6562, 9, 3, 1767}, /* bigoplus; */
    {6571, 10, 3, 1770}, /* bigotimes; */
    {6581, 9, 3, 1773}, /* bigsqcup; */
    {6590, 8, 3, 1776}, /* bigstar; */
    {6598, 16, 3, 1779}, /* bigtriangledown; */
    {6614, 14, 3, 1782}, /* bigtriangleup; */
    {6628, 9, 3, 1785}, /* biguplus; */
    {6637, 7, 3, 1469}, /* bigvee; */
    {6644, 9, 3, 1505}, /* bigwedge; */
    {6653, 7, 3, 1788}, /* bkarow; */
    {6660, 13, 3, 1791}, /* blacklozenge; */
    {6673, 12, 3, 376}, /* blacksquare; */
    {6685, 14, 3, 1794}, /* blacktriangle; */
    {6699, 18, 3, 1797}, /* blacktriangledown; */
    {6717, 18, 3, 1800}, /* blacktriangleleft; */
    {6735, 19, 3, 1803}, /* blacktriangleright; */
    {6754, 6, 3, 1806}, /* blank; */
    {6760, 6, 3, 1809}, /* blk12; */
    {6766, 6, 3, 1812}, /* blk14; */
    {6772, 6, 3, 1815}, /* blk34; */
    {6778, 6, 3, 1818}, /* block; */
    {6784, 4, 4, 1821}, /* bne; */
    {6788, 8, 6, 1825}, /* bnequiv; */
    {6796, 5, 3, 1831}, /* bnot; */
    {6801, 5, 4, 1834}, /* bopf; */
    {6806, 4, 3, 1429}, /* bot; */
    {6810, 7, 3, 1429}, /* bottom; */
    {6817, 7, 3, 1838}, /* bowtie; */
    {6824, 6, 3, 1841}, /* boxDL; */
    {6830, 6, 3, 1844}, /* boxDR; */
    {6836, 6, 3, 1847}, /* boxDl; */
    {6842, 6, 3, 1850}, /* boxDr; */
    {6848, 5, 3, 1853}, /* boxH; */
    {6853, 6, 3, 1856}, /* boxHD; */
    {6859, 6, 3, 1859}, /* boxHU; */
    {6865, 6, 3, 1862}, /* boxHd; */
    {6871, 6, 3, 1865}, /* boxHu; */
    {6877, 6, 3, 1868}, /* boxUL; */
    {6883, 6, 3, 1871}, /* boxUR; */
    {6889, 6, 3, 1874}, /* boxUl; */
    {6895, 6, 3, 1877}, /* boxUr; */
    {6901, 5, 3, 1880}, /* boxV; */
    {6906, 6, 3, 1883}, /* boxVH; */
    {6912, 6, 3, 1886}, /* boxVL; */
    {6918, 6, 3, 1889}, /* boxVR; */
    {6924, 6, 3, 1892}, /* boxVh; */
    {6930, 6, 3, 1895}, /* boxVl; */
    {6936, 6, 3, 1898}, /* boxVr; */
    {6942, 7, 3, 1901}, /* boxbox; */
    {6949, 6, 3, 1904}, /* boxdL; */
    {6955, 6, 3, 1907}, /* boxdR; */
    {6961, 6, 3, 1910}, /* boxdl; */
    {6967, 6, 3, 1913}, /* boxdr; */
    {6973, 5, 3, 461}, /* boxh; */
    {6978, 6, 3, 1916}, /* boxhD; */
    {6984, 6, 3, 1919}, /* boxhU; */
    {6990, 6, 3, 1922}, /* boxhd; */
    {6996, 6, 3, 1925}, /* boxhu; */
    {7002, 9, 3, 1928}, /* boxminus; */
    {7011, 8, 3, 1931}, /* boxplus; */
    {7019, 9, 3, 1934}, /* boxtimes; */
    {7028, 6, 3, 1937}, /* boxuL; */
    {7034, 6, 3, 1940}, /* boxuR; */
    {7040, 6, 3, 1943}, /* boxul; */
    {7046, 6, 3, 1946}, /* boxur; */
    {7052, 5, 3, 1949}, /* boxv; */
    {7057, 6, 3, 1952}, /* boxvH; */
    {7063, 6, 3, 1955}, /* boxvL; */
    {7069, 6, 3, 1958}, /* boxvR; */
    {7075, 6, 3, 1961}, /* boxvh; */
    {7081, 6, 3, 1964}, /* boxvl; */
    {7087, 6, 3, 1967}, /* boxvr; */
    {7093, 7, 3, 1723}, /* bprime; */
    {7100, 6, 2, 73}, /* breve; */
    {7106, 6, 2, 1970}, /* brvbar */
    {7112, 7, 2, 1970}, /* brvbar; */
    {7119, 5, 4, 1972}, /* bscr; */
    {7124, 6, 3, 1976}, /* bsemi; */
    {7130, 5, 3, 1726}, /* bsim; */
    {7135, 6, 3, 1729}, /* bsime; */
    {7141, 5, 1, 1979}, /* bsol; */
    {7146, 6, 3, 1980}, /* bsolb; */
    {7152, 9, 3, 1983}, /* bsolhsub; */
    {7161, 5, 3, 1986}, /* bull; */
    {7166, 7, 3, 1986}, /* bullet; */
    {7173, 5, 3, 75}, /* bump; */
    {7178, 6, 3, 1989}, /* bumpE; */
    {7184, 6, 3, 466}, /* bumpe; */
    {7190, 7, 3, 466}, /* bumpeq; */
    {7197, 7, 2, 1992}, /* cacute; */
    {7204, 4, 3, 1994}, /* cap; */
    {7208, 7, 3, 1997}, /* capand; */
    {7215, 9, 3, 2000}, /* capbrcup; */
    {7224, 7, 3, 2003}, /* capcap; */
    {7231, 7, 3, 2006}, /* capcup; */
    {7238, 7, 3, 2009}, /* capdot; */
    {7245, 5, 6, 2012}, /* caps; */
    {7250, 6, 3, 2018}, /* caret; */
    {7256, 6, 2, 447}, /* caron; */
    {7262, 6, 3, 2021}, /* ccaps; */
    {7268, 7, 2, 2024}, /* ccaron; */
    {7275, 6, 2, 2026}, /* ccedil */
    {7281, 7, 2, 2026}, /* ccedil; */
    {7288, 6, 2, 2028}, /* ccirc; */
    {7294, 6, 3, 2030}, /* ccups; */
    {7300, 8, 3, 2033}, /* ccupssm; */
    {7308, 5, 2, 2036}, /* cdot; */
    {7313, 5, 2, 104}, /* cedil */
    {7318, 6, 2, 104}, /* cedil; */
    {7324, 8, 3, 2038}, /* cemptyv; */
    {7332, 4, 2, 2041}, /* cent */
    {7336, 5, 2, 2041}, /* cent; */
    {7341, 10, 2, 106}, /* centerdot; */
    {7351, 4, 4, 2043}, /* cfr; */
    {7355, 5, 2, 2047}, /* chcy; */
    {7360, 6, 3, 2049}, /* check; */
    {7366, 10, 3, 2049}, /* checkmark; */
    {7376, 4, 2, 2052}, /* chi; */
    {7380, 4, 3, 2054}, /* cir; */
    {7384, 5, 3, 2057}, /* cirE; */
    {7389, 5, 2, 2060}, /* circ; */
    {7394, 7, 3, 2062}, /* circeq; */
    {7401, 16, 3, 2065}, /* circlearrowleft; */
    {7417, 17, 3, 2068}, /* circlearrowright; */
    {7434, 9, 2, 1095}, /* circledR; */
    {7443, 9, 3, 2071}, /* circledS; */
    {7452, 11, 3, 2074}, /* circledast; */
    {7463, 12, 3, 2077}, /* circledcirc; */
    {7475, 12, 3, 2080}, /* circleddash; */
    {7487, 5, 3, 2062}, /* cire; */
    {7492, 9, 3, 2083}, /* cirfnint; */
    {7501, 7, 3, 2086}, /* cirmid; */
    {7508, 8, 3, 2089}, /* cirscir; */
    {7516, 6, 3, 2092}, /* clubs; */
    {7522, 9, 3, 2092}, /* clubsuit; */
    {7531, 6, 1, 2095}, /* colon; */
    {7537, 7, 3, 39}, /* colone; */
    {7544, 8, 3, 39}, /* coloneq; */
    {7552, 6, 1, 2096}, /* comma; */
    {7558, 7, 1, 2097}, /* commat; */
    {7565, 5, 3, 2098}, /* comp; */
    {7570, 7, 3, 1240}, /* compfn; */
    {7577, 11, 3, 2098}, /* complement; */
    {7588, 10, 3, 146}, /* complexes; */
    {7598, 5, 3, 1350}, /* cong; */
    {7603, 8, 3, 2101}, /* congdot; */
    {7611, 7, 3, 143}, /* conint; */
    {7618, 5, 4, 2104}, /* copf; */
    {7623, 7, 3, 149}, /* coprod; */
    {7630, 4, 2, 80}, /* copy */
    {7634, 5, 2, 80}, /* copy; */
    {7639, 7, 3, 2108}, /* copysr; */
    {7646, 6, 3, 2111}, /* crarr; */
    {7652, 6, 3, 2114}, /* cross; */
    {7658, 5, 4, 2117}, /* cscr; */
    {7663, 5, 3, 2121}, /* csub; */
    {7668, 6, 3, 2124}, /* csube; */
    {7674, 5, 3, 2127}, /* csup; */
    {7679, 6, 3, 2130}, /* csupe; */
    {7685, 6, 3, 2133}, /* ctdot; */
    {7691, 8, 3, 2136}, /* cudarrl; */
    {7699, 8, 3, 2139}, /* cudarrr; */
    {7707, 6, 3, 2142}, /* cuepr; */
    {7713, 6, 3, 2145}, /* cuesc; */
    {7719, 7, 3, 2148}, /* cularr; */
    {7726, 8, 3, 2151}, /* cularrp; */
    {7734, 4, 3, 2154}, /* cup; */
    {7738, 9, 3, 2157}, /* cupbrcap; */
    {7747, 7, 3, 2160}, /* cupcap; */
    {7754, 7, 3, 2163}, /* cupcup; */
    {7761, 7, 3, 2166}, /* cupdot; */
    {7768, 6, 3, 2169}, /* cupor; */
    {7774, 5, 6, 2172}, /* cups; */
    {7779, 7, 3, 2178}, /* curarr; */
    {7786, 8, 3, 2181}, /* curarrm; */
    {7794, 12, 3, 2142}, /* curlyeqprec; */
    {7806, 12, 3, 2145}, /* curlyeqsucc; */
    {7818, 9, 3, 2184}, /* curlyvee; */
    {7827, 11, 3, 2187}, /* curlywedge; */
    {7838, 6, 2, 2190}, /* curren */
    {7844, 7, 2, 2190}, /* curren; */
    {7851, 15, 3, 2148}, /* curvearrowleft; */
    {7866, 16, 3, 2178}, /* curvearrowright; */
    {7882, 6, 3, 2184}, /* cuvee; */
    {7888, 6, 3, 2187}, /* cuwed; */
    {7894, 9, 3, 122}, /* cwconint; */
    {7903, 6, 3, 2192}, /* cwint; */
    {7909, 7, 3, 2195}, /* cylcty; */
    {7916, 5, 3, 226}, /* dArr; */
    {7921, 5, 3, 2198}, /* dHar; */
    {7926, 7, 3, 2201}, /* dagger; */
    {7933, 7, 3, 2204}, /* daleth; */
    {7940, 5, 3, 259}, /* darr; */
    {7945, 5, 3, 2207}, /* dash; */
    {7950, 6, 3, 625}, /* dashv; */
    {7956, 8, 3, 2210}, /* dbkarow; */
    {7964, 6, 2, 203}, /* dblac; */
    {7970, 7, 2, 2213}, /* dcaron; */
    {7977, 4, 2, 2215}, /* dcy; */
    {7981, 3, 3, 211}, /* dd; */
    {7984, 8, 3, 177}, /* ddagger; */
    {7992, 6, 3, 2217}, /* ddarr; */
    {7998, 8, 3, 2220}, /* ddotseq; */
    {8006, 3, 2, 2223}, /* deg */
    {8009, 4, 2, 2223}, /* deg; */
    {8013, 6, 2, 2225}, /* delta; */
    {8019, 8, 3, 2227}, /* demptyv; */
    {8027, 7, 3, 2230}, /* dfisht; */
    {8034, 4, 4, 2233}, /* dfr; */
    {8038, 6, 3, 610}, /* dharl; */
    {8044, 6, 3, 1149}, /* dharr; */
    {8050, 5, 3, 208}, /* diam; */
    {8055, 8, 3, 208}, /* diamond; */
    {8063, 12, 3, 2237}, /* diamondsuit; */
    {8075, 6, 3, 2237}, /* diams; */
    {8081, 4, 2, 218}, /* die; */
    {8085, 8, 2, 2240}, /* digamma; */
    {8093, 6, 3, 2242}, /* disin; */
    {8099, 4, 2, 2245}, /* div; */
    {8103, 6, 2, 2245}, /* divide */
    {8109, 7, 2, 2245}, /* divide; */
    {8116, 14, 3, 2247}, /* divideontimes; */
    {8130, 7, 3, 2247}, /* divonx; */
    {8137, 5, 2, 2250}, /* djcy; */
    {8142, 7, 3, 2252}, /* dlcorn; */
    {8149, 7, 3, 2255}, /* dlcrop; */
    {8156, 7, 1, 2258}, /* dollar; */
    {8163, 5, 4, 2259}, /* dopf; */
    {8168, 4, 2, 201}, /* dot; */
    {8172, 6, 3, 223}, /* doteq; */
    {8178, 9, 3, 2263}, /* doteqdot; */
    {8187, 9, 3, 2266}, /* dotminus; */
    {8196, 8, 3, 2269}, /* dotplus; */
    {8204, 10, 3, 2272}, /* dotsquare; */
    {8214, 15, 3, 52}, /* doublebarwedge; */
    {8229, 10, 3, 259}, /* downarrow; */
    {8239, 15, 3, 2217}, /* downdownarrows; */
    {8254, 16, 3, 610}, /* downharpoonleft; */
    {8270, 17, 3, 1149}, /* downharpoonright; */
    {8287, 9, 3, 1092}, /* drbkarow; */
    {8296, 7, 3, 2275}, /* drcorn; */
    {8303, 7, 3, 2278}, /* drcrop; */
    {8310, 5, 4, 2281}, /* dscr; */
    {8315, 5, 2, 2285}, /* dscy; */
    {8320, 5, 3, 2287}, /* dsol; */
    {8325, 7, 2, 2290}, /* dstrok; */
    {8332, 6, 3, 2292}, /* dtdot; */
    {8338, 5, 3, 2295}, /* dtri; */
    {8343, 6, 3, 1797}, /* dtrif; */
    {8349, 6, 3, 265}, /* duarr; */
    {8355, 6, 3, 1123}, /* duhar; */
    {8361, 8, 3, 2298}, /* dwangle; */
    {8369, 5, 2, 2301}, /* dzcy; */
    {8374, 9, 3, 2303}, /* dzigrarr; */
    {8383, 6, 3, 2220}, /* eDDot; */
    {8389, 5, 3, 2263}, /* eDot; */
    {8394, 6, 2, 2306}, /* eacute */
    {8400, 7, 2, 2306}, /* eacute; */
    {8407, 7, 3, 2308}, /* easter; */
    {8414, 7, 2, 2311}, /* ecaron; */
    {8421, 5, 3, 2313}, /* ecir; */
    {8426, 5, 2, 2316}, /* ecirc */
    {8431, 6, 2, 2316}, /* ecirc; */
    {8437, 7, 3, 2318}, /* ecolon; */
    {8444, 4, 2, 2321}, /* ecy; */
    {8448, 5, 2, 2323}, /* edot; */
    {8453, 3, 3, 364}, /* ee; */
    {8456, 6, 3, 2325}, /* efDot; */
    {8462, 4, 4, 2328}, /* efr; */
    {8466, 3, 3, 2332}, /* eg; */
    {8469, 6, 2, 2335}, /* egrave */
    {8475, 7, 2, 2335}, /* egrave; */
    {8482, 4, 3, 2337}, /* egs; */
    {8486, 7, 3, 2340}, /* egsdot; */
    {8493, 3, 3, 2343}, /* el; */
    {8496, 9, 3, 2346}, /* elinters; */
    {8505, 4, 3, 2349}, /* ell; */
    {8509, 4, 3, 2352}, /* els; */
    {8513, 7, 3, 2355}, /* elsdot; */
    {8520, 6, 2, 2358}, /* emacr; */
    {8526, 6, 3, 2360}, /* empty; */
    {8532, 9, 3, 2360}, /* emptyset; */
    {8541, 7, 3, 2360}, /* emptyv; */
    {8548, 7, 3, 2363}, /* emsp13; */
    {8555, 7, 3, 2366}, /* emsp14; */
    {8562, 5, 3, 2369}, /* emsp; */
    {8567, 4, 2, 2372}, /* eng; */
    {8571, 5, 3, 2374}, /* ensp; */
    {8576, 6, 2, 2377}, /* eogon; */
    {8582, 5, 4, 2379}, /* eopf; */
    {8587, 5, 3, 2383}, /* epar; */
    {8592, 7, 3, 2386}, /* eparsl; */
    {8599, 6, 3, 2389}, /* eplus; */
    {8605, 5, 2, 2392}, /* epsi; */
    {8610, 8, 2, 2392}, /* epsilon; */
    {8618, 6, 2, 2394}, /* epsiv; */
    {8624, 7, 3, 2313}, /* eqcirc; */
    {8631, 8, 3, 2318}, /* eqcolon; */
    {8639, 6, 3, 345}, /* eqsim; */
    {8645, 11, 3, 2337}, /* eqslantgtr; */
    {8656, 12, 3, 2352}, /* eqslantless; */
    {8668, 7, 1, 2396}, /* equals; */
    {8675, 7, 3, 2397}, /* equest; */
    {8682, 6, 3, 137}, /* equiv; */
    {8688, 8, 3, 2400}, /* equivDD; */
    {8696, 9, 3, 2403}, /* eqvparsl; */
    {8705, 6, 3, 2406}, /* erDot; */
    {8711, 6, 3, 2409}, /* erarr; */
    {8717, 5, 3, 2412}, /* escr; */
    {8722, 6, 3, 223}, /* esdot; */
    {8728, 5, 3, 345}, /* esim; */
    {8733, 4, 2, 2415}, /* eta; */
    {8737, 3, 2, 2417}, /* eth */
    {8740, 4, 2, 2417}, /* eth; */
    {8744, 4, 2, 2419}, /* euml */
    {8748, 5, 2, 2419}, /* euml; */
    {8753, 5, 3, 2421}, /* euro; */
    {8758, 5, 1, 2424}, /* excl; */
    {8763, 6, 3, 361}, /* exist; */
    {8769, 12, 3, 351}, /* expectation; */
    {8781, 13, 3, 364}, /* exponentiale; */
    {8794, 14, 3, 2325}, /* fallingdotseq; */
    {8808, 4, 2, 2425}, /* fcy; */
    {8812, 7, 3, 2427}, /* female; */
    {8819, 7, 3, 2430}, /* ffilig; */
    {8826, 6, 3, 2433}, /* fflig; */
    {8832, 7, 3, 2436}, /* ffllig; */
    {8839, 4, 4, 2439}, /* ffr; */
    {8843, 6, 3, 2443}, /* filig; */
    {8849, 6, 2, 2446}, /* fjlig; */
    {8855, 5, 3, 2448}, /* flat; */
    {8860, 6, 3, 2451}, /* fllig; */
    {8866, 6, 3, 2454}, /* fltns; */
    {8872, 5, 2, 2457}, /* fnof; */
    {8877, 5, 4, 2459}, /* fopf; */
    {8882, 7, 3, 383}, /* forall; */
    {8889, 5, 3, 2463}, /* fork; */
    {8894, 6, 3, 2466}, /* forkv; */
    {8900, 9, 3, 2469}, /* fpartint; */
    {8909, 6, 2, 2472}, /* frac12 */
    {8915, 7, 2, 2472}, /* frac12; */
    {8922, 7, 3, 2474}, /* frac13; */
    {8929, 6, 2, 2477}, /* frac14 */
    {8935, 7, 2, 2477}, /* frac14; */
    {8942, 7, 3, 2479}, /* frac15; */
    {8949, 7, 3, 2482}, /* frac16; */
    {8956, 7, 3, 2485}, /* frac18; */
    {8963, 7, 3, 2488}, /* frac23; */
    {8970, 7, 3, 2491}, /* frac25; */
    {8977, 6, 2, 2494}, /* frac34 */
    {8983, 7, 2, 2494}, /* frac34; */
    {8990, 7, 3, 2496}, /* frac35; */
    {8997, 7, 3, 2499}, /* frac38; */
    {9004, 7, 3, 2502}, /* frac45; */
    {9011, 7, 3, 2505}, /* frac56; */
    {9018, 7, 3, 2508}, /* frac58; */
    {9025, 7, 3, 2511}, /* frac78; */
    {9032, 6, 3, 2514}, /* frasl; */
    {9038, 6, 3, 2517}, /* frown; */
    {9044, 5, 4, 2520}, /* fscr; */
    {9049, 3, 3, 423}, /* gE; */
    {9052, 4, 3, 2524}, /* gEl; */
    {9056, 7, 2, 2527}, /* gacute; */
    {9063, 6, 2, 2529}, /* gamma; */
    {9069, 7, 2, 2240}, /* gammad; */
    {9076, 4, 3, 2531}, /* gap; */
    {9080, 7, 2, 2534}, /* gbreve; */
    {9087, 6, 2, 2536}, /* gcirc; */
    {9093, 4, 2, 2538}, /* gcy; */
    {9097, 5, 2, 2540}, /* gdot; */
    {9102, 3, 3, 417}, /* ge; */
    {9105, 4, 3, 420}, /* gel; */
    {9109, 4, 3, 417}, /* geq; */
    {9113, 5, 3, 423}, /* geqq; */
    {9118, 9, 3, 432}, /* geqslant; */
    {9127, 4, 3, 432}, /* ges; */
    {9131, 6, 3, 2542}, /* gescc; */
    {9137, 7, 3, 2545}, /* gesdot; */
    {9144, 8, 3, 2548}, /* gesdoto; */
    {9152, 9, 3, 2551}, /* gesdotol; */
    {9161, 5, 6, 2554}, /* gesl; */
    {9166, 7, 3, 2560}, /* gesles; */
    {9173, 4, 4, 2563}, /* gfr; */
    {9177, 3, 3, 442}, /* gg; */
    {9180, 4, 3, 410}, /* ggg; */
    {9184, 6, 3, 2567}, /* gimel; */
    {9190, 5, 2, 2570}, /* gjcy; */
    {9195, 3, 3, 429}, /* gl; */
    {9198, 4, 3, 2572}, /* glE; */
    {9202, 4, 3, 2575}, /* gla; */
    {9206, 4, 3, 2578}, /* glj; */
    {9210, 4, 3, 2581}, /* gnE; */
    {9214, 5, 3, 2584}, /* gnap; */
    {9219, 9, 3, 2584}, /* gnapprox; */
    {9228, 4, 3, 2587}, /* gne; */
    {9232, 5, 3, 2587}, /* gneq; */
    {9237, 6, 3, 2581}, /* gneqq; */
    {9243, 6, 3, 2590}, /* gnsim; */
    {9249, 5, 4, 2593}, /* gopf; */
    {9254, 6, 1, 205}, /* grave; */
    {9260, 5, 3, 2597}, /* gscr; */
    {9265, 5, 3, 435}, /* gsim; */
    {9270, 6, 3, 2600}, /* gsime; */
    {9276, 6, 3, 2603}, /* gsiml; */
    {9282, 2, 1, 391}, /* gt */
    {9284, 3, 1, 391}, /* gt; */
    {9287, 5, 3, 2606}, /* gtcc; */
    {9292, 6, 3, 2609}, /* gtcir; */
    {9298, 6, 3, 2612}, /* gtdot; */
    {9304, 7, 3, 2615}, /* gtlPar; */
    {9311, 8, 3, 2618}, /* gtquest; */
    {9319, 10, 3, 2531}, /* gtrapprox; */
    {9329, 7, 3, 2621}, /* gtrarr; */
    {9336, 7, 3, 2612}, /* gtrdot; */
    {9343, 10, 3, 420}, /* gtreqless; */
    {9353, 11, 3, 2524}, /* gtreqqless; */
    {9364, 8, 3, 429}, /* gtrless; */
    {9372, 7, 3, 435}, /* gtrsim; */
    {9379, 10, 6, 2624}, /* gvertneqq; */
    {9389, 5, 6, 2624}, /* gvnE; */
    {9394, 5, 3, 232}, /* hArr; */
    {9399, 7, 3, 1485}, /* hairsp; */
    {9406, 5, 2, 2472}, /* half; */
    {9411, 7, 3, 455}, /* hamilt; */
    {9418, 7, 2, 2630}, /* hardcy; */
    {9425, 5, 3, 619}, /* harr; */
    {9430, 8, 3, 2632}, /* harrcir; */
    {9438, 6, 3, 2635}, /* harrw; */
    {9444, 5, 3, 2638}, /* hbar; */
    {9449, 6, 2, 2641}, /* hcirc; */
    {9455, 7, 3, 2643}, /* hearts; */
    {9462, 10, 3, 2643}, /* heartsuit; */
    {9472, 7, 3, 2646}, /* hellip; */
    {9479, 7, 3, 2649}, /* hercon; */
    {9486, 4, 4, 2652}, /* hfr; */
    {9490, 9, 3, 2656}, /* hksearow; */
    {9499, 9, 3, 2659}, /* hkswarow; */
    {9508, 6, 3, 2662}, /* hoarr; */
    {9514, 7, 3, 2665}, /* homtht; */
    {9521, 14, 3, 2668}, /* hookleftarrow; */
    {9535, 15, 3, 2671}, /* hookrightarrow; */
    {9550, 5, 4, 2674}, /* hopf; */
    {9555, 7, 3, 2678}, /* horbar; */
    {9562, 5, 4, 2681}, /* hscr; */
    {9567, 7, 3, 2638}, /* hslash; */
    {9574, 7, 2, 2685}, /* hstrok; */
    {9581, 7, 3, 2687}, /* hybull; */
    {9588, 7, 3, 2207}, /* hyphen; */
    {9595, 6, 2, 2690}, /* iacute */
    {9601, 7, 2, 2690}, /* iacute; */
    {9608, 3, 3, 502}, /* ic; */
    {9611, 5, 2, 2692}, /* icirc */
    {9616, 6, 2, 2692}, /* icirc; */
    {9622, 4, 2, 2694}, /* icy; */
    {9626, 5, 2, 2696}, /* iecy; */
    {9631, 5, 2, 2698}, /* iexcl */
    {9636, 6, 2, 2698}, /* iexcl; */
    {9642, 4, 3, 232}, /* iff; */
    {9646, 4, 4, 2700}, /* ifr; */
    {9650, 6, 2, 2704}, /* igrave */
    {9656, 7, 2, 2704}, /* igrave; */
    {9663, 3, 3, 490}, /* ii; */
    {9666, 7, 3, 2706}, /* iiiint; */
    {9673, 6, 3, 2709}, /* iiint; */
    {9679, 7, 3, 2712}, /* iinfin; */
    {9686, 6, 3, 2715}, /* iiota; */
    {9692, 6, 2, 2718}, /* ijlig; */
    {9698, 6, 2, 2720}, /* imacr; */
    {9704, 6, 3, 483}, /* image; */
    {9710, 9, 3, 516}, /* imagline; */
    {9719, 9, 3, 483}, /* imagpart; */
    {9728, 6, 2, 2722}, /* imath; */
    {9734, 5, 3, 2724}, /* imof; */
    {9739, 6, 2, 2727}, /* imped; */
    {9745, 3, 3, 323}, /* in; */
    {9748, 7, 3, 2729}, /* incare; */
    {9755, 6, 3, 2732}, /* infin; */
    {9761, 9, 3, 2735}, /* infintie; */
    {9770, 7, 2, 2722}, /* inodot; */
    {9777, 4, 3, 496}, /* int; */
    {9781, 7, 3, 2738}, /* intcal; */
    {9788, 9, 3, 1575}, /* integers; */
    {9797, 9, 3, 2738}, /* intercal; */
    {9806, 9, 3, 2741}, /* intlarhk; */
    {9815, 8, 3, 2744}, /* intprod; */
    {9823, 5, 2, 2747}, /* iocy; */
    {9828, 6, 2, 2749}, /* iogon; */
    {9834, 5, 4, 2751}, /* iopf; */
    {9839, 5, 2, 2755}, /* iota; */
    {9844, 6, 3, 2744}, /* iprod; */
    {9850, 6, 2, 2757}, /* iquest */
    {9856, 7, 2, 2757}, /* iquest; */
    {9863, 5, 4, 2759}, /* iscr; */
    {9868, 5, 3, 323}, /* isin; */
    {9873, 6, 3, 2763}, /* isinE; */
    {9879, 8, 3, 2766}, /* isindot; */
    {9887, 6, 3, 2769}, /* isins; */
    {9893, 7, 3, 2772}, /* isinsv; */
    {9900, 6, 3, 323}, /* isinv; */
    {9906, 3, 3, 505}, /* it; */
    {9909, 7, 2, 2775}, /* itilde; */
    {9916, 6, 2, 2777}, /* iukcy; */
    {9922, 4, 2, 2779}, /* iuml */
    {9926, 5, 2, 2779}, /* iuml; */
    {9931, 6, 2, 2781}, /* jcirc; */
    {9937, 4, 2, 2783}, /* jcy; */
    {9941, 4, 4, 2785}, /* jfr; */
    {9945, 6, 2, 2789}, /* jmath; */
    {9951, 5, 4, 2791}, /* jopf; */
    {9956, 5, 4, 2795}, /* jscr; */
    {9961, 7, 2, 2799}, /* jsercy; */
    {9968, 6, 2, 2801}, /* jukcy; */
    {9974, 6, 2, 2803}, /* kappa; */
    {9980, 7, 2, 2805}, /* kappav; */
    {9987, 7, 2, 2807}, /* kcedil; */
    {9994, 4, 2, 2809}, /* kcy; */
    {9998, 4, 4, 2811}, /* kfr; */
    {10002, 7, 2, 2815}, /* kgreen; */
    {10009, 5, 2, 2817}, /* khcy; */
    {10014, 5, 2, 2819}, /* kjcy; */
    {10019, 5, 4, 2821}, /* kopf; */
    {10024, 5, 4, 2825}, /* kscr; */
    {10029, 6, 3, 686}, /* lAarr; */
    {10035, 5, 3, 229}, /* lArr; */
    {10040, 7, 3, 2829}, /* lAtail; */
    {10047, 6, 3, 2832}, /* lBarr; */
    {10053, 3, 3, 664}, /* lE; */
    {10056, 4, 3, 2835}, /* lEg; */
    {10060, 5, 3, 2838}, /* lHar; */
    {10065, 7, 2, 2841}, /* lacute; */
    {10072, 9, 3, 2843}, /* laemptyv; */
    {10081, 7, 3, 577}, /* lagran; */
    {10088, 7, 2, 2846}, /* lambda; */
    {10095, 5, 3, 589}, /* lang; */
    {10100, 6, 3, 2848}, /* langd; */
    {10106, 7, 3, 589}, /* langle; */
    {10113, 4, 3, 2851}, /* lap; */
    {10117, 5, 2, 2854}, /* laquo */
    {10122, 6, 2, 2854}, /* laquo; */
    {10128, 5, 3, 592}, /* larr; */
    {10133, 6, 3, 595}, /* larrb; */
    {10139, 8, 3, 2856}, /* larrbfs; */
    {10147, 7, 3, 2859}, /* larrfs; */
    {10154, 7, 3, 2668}, /* larrhk; */
    {10161, 7, 3, 2862}, /* larrlp; */
    {10168, 7, 3, 2865}, /* larrpl; */
    {10175, 8, 3, 2868}, /* larrsim; */
    {10183, 7, 3, 2871}, /* larrtl; */
    {10190, 4, 3, 2874}, /* lat; */
    {10194, 7, 3, 2877}, /* latail; */
    {10201, 5, 3, 2880}, /* late; */
    {10206, 6, 6, 2883}, /* lates; */
    {10212, 6, 3, 2889}, /* lbarr; */
    {10218, 6, 3, 2892}, /* lbbrk; */
    {10224, 7, 1, 2895}, /* lbrace; */
    {10231, 7, 1, 2896}, /* lbrack; */
    {10238, 6, 3, 2897}, /* lbrke; */
    {10244, 8, 3, 2900}, /* lbrksld; */
    {10252, 8, 3, 2903}, /* lbrkslu; */
    {10260, 7, 2, 2906}, /* lcaron; */
    {10267, 7, 2, 2908}, /* lcedil; */
    {10274, 6, 3, 601}, /* lceil; */
    {10280, 5, 1, 2895}, /* lcub; */
    {10285, 4, 2, 2910}, /* lcy; */
    {10289, 5, 3, 2912}, /* ldca; */
    {10294, 6, 3, 998}, /* ldquo; */
    {10300, 7, 3, 1743}, /* ldquor; */
    {10307, 8, 3, 2915}, /* ldrdhar; */
    {10315, 9, 3, 2918}, /* ldrushar; */
    {10324, 5, 3, 2921}, /* ldsh; */
    {10329, 3, 3, 2924}, /* le; */
    {10332, 10, 3, 592}, /* leftarrow; */
    {10342, 14, 3, 2871}, /* leftarrowtail; */
    {10356, 16, 3, 276}, /* leftharpoondown; */
    {10372, 14, 3, 655}, /* leftharpoonup; */
    {10386, 15, 3, 2927}, /* leftleftarrows; */
    {10401, 15, 3, 619}, /* leftrightarrow; */
    {10416, 16, 3, 598}, /* leftrightarrows; */
    {10432, 18, 3, 1120}, /* leftrightharpoons; */
    {10450, 20, 3, 2635}, /* leftrightsquigarrow; */
    {10470, 15, 3, 2930}, /* leftthreetimes; */
    {10485, 4, 3, 661}, /* leg; */
    {10489, 4, 3, 2924}, /* leq; */
    {10493, 5, 3, 664}, /* leqq; */
    {10498, 9, 3, 673}, /* leqslant; */
    {10507, 4, 3, 673}, /* les; */
    {10511, 6, 3, 2933}, /* lescc; */
    {10517, 7, 3, 2936}, /* lesdot; */
    {10524, 8, 3, 2939}, /* lesdoto; */
    {10532, 9, 3, 2942}, /* lesdotor; */
    {10541, 5, 6, 2945}, /* lesg; */
    {10546, 7, 3, 2951}, /* lesges; */
    {10553, 11, 3, 2851}, /* lessapprox; */
    {10564, 8, 3, 2954}, /* lessdot; */
    {10572, 10, 3, 661}, /* lesseqgtr; */
    {10582, 11, 3, 2835}, /* lesseqqgtr; */
    {10593, 8, 3, 667}, /* lessgtr; */
    {10601, 8, 3, 676}, /* lesssim; */
    {10609, 7, 3, 2957}, /* lfisht; */
    {10616, 7, 3, 616}, /* lfloor; */
    {10623, 4, 4, 2960}, /* lfr; */
    {10627, 3, 3, 667}, /* lg; */
    {10630, 4, 3, 2964}, /* lgE; */
    {10634, 6, 3, 276}, /* lhard; */
    {10640, 6, 3, 655}, /* lharu; */
    {10646, 7, 3, 2967}, /* lharul; */
    {10653, 6, 3, 2970}, /* lhblk; */
    {10659, 5, 2, 2973}, /* ljcy; */
    {10664, 3, 3, 715}, /* ll; */
    {10667, 6, 3, 2927}, /* llarr; */
    {10673, 9, 3, 2252}, /* llcorner; */
    {10682, 7, 3, 2975}, /* llhard; */
    {10689, 6, 3, 2978}, /* lltri; */
    {10695, 7, 2, 2981}, /* lmidot; */
    {10702, 7, 3, 2983}, /* lmoust; */
    {10709, 11, 3, 2983}, /* lmoustache; */
    {10720, 4, 3, 2986}, /* lnE; */
    {10724, 5, 3, 2989}, /* lnap; */
    {10729, 9, 3, 2989}, /* lnapprox; */
    {10738, 4, 3, 2992}, /* lne; */
    {10742, 5, 3, 2992}, /* lneq; */
    {10747, 6, 3, 2986}, /* lneqq; */
    {10753, 6, 3, 2995}, /* lnsim; */
    {10759, 6, 3, 2998}, /* loang; */
    {10765, 6, 3, 3001}, /* loarr; */
    {10771, 6, 3, 604}, /* lobrk; */
    {10777, 14, 3, 691}, /* longleftarrow; */
    {10791, 19, 3, 694}, /* longleftrightarrow; */
    {10810, 11, 3, 3004}, /* longmapsto; */
    {10821, 15, 3, 697}, /* longrightarrow; */
    {10836, 14, 3, 2862}, /* looparrowleft; */
    {10850, 15, 3, 3007}, /* looparrowright; */
    {10865, 6, 3, 3010}, /* lopar; */
    {10871, 5, 4, 3013}, /* lopf; */
    {10876, 7, 3, 3017}, /* loplus; */
    {10883, 8, 3, 3020}, /* lotimes; */
    {10891, 7, 3, 3023}, /* lowast; */
    {10898, 7, 1, 1395}, /* lowbar; */
    {10905, 4, 3, 3026}, /* loz; */
    {10909, 8, 3, 3026}, /* lozenge; */
    {10917, 5, 3, 1791}, /* lozf; */
    {10922, 5, 1, 3029}, /* lpar; */
    {10927, 7, 3, 3030}, /* lparlt; */
    {10934, 6, 3, 598}, /* lrarr; */
    {10940, 9, 3, 2275}, /* lrcorner; */
    {10949, 6, 3, 1120}, /* lrhar; */
    {10955, 7, 3, 3033}, /* lrhard; */
    {10962, 4, 3, 3036}, /* lrm; */
    {10966, 6, 3, 3039}, /* lrtri; */
    {10972, 7, 3, 3042}, /* lsaquo; */
    {10979, 5, 4, 3045}, /* lscr; */
    {10984, 4, 3, 710}, /* lsh; */
    {10988, 5, 3, 676}, /* lsim; */
    {10993, 6, 3, 3049}, /* lsime; */
    {10999, 6, 3, 3052}, /* lsimg; */
    {11005, 5, 1, 2896}, /* lsqb; */
    {11010, 6, 3, 1001}, /* lsquo; */
    {11016, 7, 3, 3055}, /* lsquor; */
    {11023, 7, 2, 3058}, /* lstrok; */
    {11030, 2, 1, 569}, /* lt */
    {11032, 3, 1, 569}, /* lt; */
    {11035, 5, 3, 3060}, /* ltcc; */
    {11040, 6, 3, 3063}, /* ltcir; */
    {11046, 6, 3, 2954}, /* ltdot; */
    {11052, 7, 3, 2930}, /* lthree; */
    {11059, 7, 3, 3066}, /* ltimes; */
    {11066, 7, 3, 3069}, /* ltlarr; */
    {11073, 8, 3, 3072}, /* ltquest; */
    {11081, 7, 3, 3075}, /* ltrPar; */
    {11088, 5, 3, 3078}, /* ltri; */
    {11093, 6, 3, 640}, /* ltrie; */
    {11099, 6, 3, 1800}, /* ltrif; */
    {11105, 9, 3, 3081}, /* lurdshar; */
    {11114, 8, 3, 3084}, /* luruhar; */
    {11122, 10, 6, 3087}, /* lvertneqq; */
    {11132, 5, 6, 3087}, /* lvnE; */
    {11137, 6, 3, 3093}, /* mDDot; */
    {11143, 4, 2, 3096}, /* macr */
    {11147, 5, 2, 3096}, /* macr; */
    {11152, 5, 3, 3098}, /* male; */
    {11157, 5, 3, 3101}, /* malt; */
    {11162, 8, 3, 3101}, /* maltese; */
    {11170, 4, 3, 1161}, /* map; */
    {11174, 7, 3, 1161}, /* mapsto; */
    {11181, 11, 3, 294}, /* mapstodown; */
    {11192, 11, 3, 628}, /* mapstoleft; */
    {11203, 9, 3, 1432}, /* mapstoup; */
    {11212, 7, 3, 3104}, /* marker; */
    {11219, 7, 3, 3107}, /* mcomma; */
    {11226, 4, 2, 3110}, /* mcy; */
    {11230, 6, 3, 3112}, /* mdash; */
    {11236, 14, 3, 1640}, /* measuredangle; */
    {11250, 4, 4, 3115}, /* mfr; */
    {11254, 4, 3, 3119}, /* mho; */
    {11258, 5, 2, 3122}, /* micro */
    {11263, 6, 2, 3122}, /* micro; */
    {11269, 4, 3, 1475}, /* mid; */
    {11273, 7, 1, 1707}, /* midast; */
    {11280, 7, 3, 3124}, /* midcir; */
    {11287, 6, 2, 106}, /* middot */
    {11293, 7, 2, 106}, /* middot; */
    {11300, 6, 3, 3127}, /* minus; */
    {11306, 7, 3, 1928}, /* minusb; */
    {11313, 7, 3, 2266}, /* minusd; */
    {11320, 8, 3, 3130}, /* minusdu; */
    {11328, 5, 3, 3133}, /* mlcp; */
    {11333, 5, 3, 2646}, /* mldr; */
    {11338, 7, 3, 733}, /* mnplus; */
    {11345, 7, 3, 3136}, /* models; */
    {11352, 5, 4, 3139}, /* mopf; */
    {11357, 3, 3, 733}, /* mp; */
    {11360, 5, 4, 3143}, /* mscr; */
    {11365, 7, 3, 1586}, /* mstpos; */
    {11372, 3, 2, 3147}, /* mu; */
    {11375, 9, 3, 3149}, /* multimap; */
    {11384, 6, 3, 3149}, /* mumap; */
    {11390, 4, 5, 3152}, /* nGg; */
    {11394, 4, 6, 3157}, /* nGt; */
    {11398, 5, 5, 805}, /* nGtv; */
    {11403, 11, 3, 3163}, /* nLeftarrow; */
    {11414, 16, 3, 3166}, /* nLeftrightarrow; */
    {11430, 4, 5, 3169}, /* nLl; */
    {11434, 4, 6, 3174}, /* nLt; */
    {11438, 5, 5, 851}, /* nLtv; */
    {11443, 12, 3, 3180}, /* nRightarrow; */
    {11455, 7, 3, 3183}, /* nVDash; */
    {11462, 7, 3, 3186}, /* nVdash; */
    {11469, 6, 3, 190}, /* nabla; */
    {11475, 7, 2, 3189}, /* nacute; */
    {11482, 5, 6, 3191}, /* nang; */
    {11487, 4, 3, 958}, /* nap; */
    {11491, 5, 5, 3197}, /* napE; */
    {11496, 6, 5, 3202}, /* napid; */
    {11502, 6, 2, 3207}, /* napos; */
    {11508, 8, 3, 958}, /* napprox; */
    {11516, 6, 3, 3209}, /* natur; */
    {11522, 8, 3, 3209}, /* natural; */
    {11530, 9, 3, 765}, /* naturals; */
    {11539, 4, 2, 763}, /* nbsp */
    {11543, 5, 2, 763}, /* nbsp; */
    {11548, 6, 5, 821}, /* nbump; */
    {11554, 7, 5, 826}, /* nbumpe; */
    {11561, 5, 3, 3212}, /* ncap; */
    {11566, 7, 2, 3215}, /* ncaron; */
    {11573, 7, 2, 3217}, /* ncedil; */
    {11580, 6, 3, 955}, /* ncong; */
    {11586, 9, 5, 3219}, /* ncongdot; */
    {11595, 5, 3, 3224}, /* ncup; */
    {11600, 4, 2, 3227}, /* ncy; */
    {11604, 6, 3, 3229}, /* ndash; */
    {11610, 3, 3, 783}, /* ne; */
    {11613, 6, 3, 3232}, /* neArr; */
    {11619, 7, 3, 3235}, /* nearhk; */
    {11626, 6, 3, 1438}, /* nearr; */
    {11632, 8, 3, 1438}, /* nearrow; */
    {11640, 6, 5, 3238}, /* nedot; */
    {11646, 7, 3, 771}, /* nequiv; */
    {11653, 7, 3, 3243}, /* nesear; */
    {11660, 6, 5, 786}, /* nesim; */
    {11666, 7, 3, 791}, /* nexist; */
    {11673, 8, 3, 791}, /* nexists; */
    {11681, 4, 4, 3246}, /* nfr; */
    {11685, 4, 5, 800}, /* ngE; */
    {11689, 4, 3, 797}, /* nge; */
    {11693, 5, 3, 797}, /* ngeq; */
    {11698, 6, 5, 800}, /* ngeqq; */
    {11704, 10, 5, 813}, /* ngeqslant; */
    {11714, 5, 5, 813}, /* nges; */
    {11719, 6, 3, 818}, /* ngsim; */
    {11725, 4, 3, 794}, /* ngt; */
    {11729, 5, 3, 794}, /* ngtr; */
    {11734, 6, 3, 3166}, /* nhArr; */
    {11740, 6, 3, 3250}, /* nharr; */
    {11746, 6, 3, 3253}, /* nhpar; */
    {11752, 3, 3, 1117}, /* ni; */
    {11755, 4, 3, 3256}, /* nis; */
    {11759, 5, 3, 3259}, /* nisd; */
    {11764, 4, 3, 1117}, /* niv; */
    {11768, 5, 2, 3262}, /* njcy; */
    {11773, 6, 3, 3163}, /* nlArr; */
    {11779, 4, 5, 3264}, /* nlE; */
    {11783, 6, 3, 3269}, /* nlarr; */
    {11789, 5, 3, 3272}, /* nldr; */
    {11794, 4, 3, 845}, /* nle; */
    {11798, 11, 3, 3269}, /* nleftarrow; */
    {11809, 16, 3, 3250}, /* nleftrightarrow; */
    {11825, 5, 3, 845}, /* nleq; */
    {11830, 6, 5, 3264}, /* nleqq; */
    {11836, 10, 5, 856}, /* nleqslant; */
    {11846, 5, 5, 856}, /* nles; */
    {11851, 6, 3, 842}, /* nless; */
    {11857, 6, 3, 861}, /* nlsim; */
    {11863, 4, 3, 842}, /* nlt; */
    {11867, 6, 3, 831}, /* nltri; */
    {11873, 7, 3, 839}, /* nltrie; */
    {11880, 5, 3, 961}, /* nmid; */
    {11885, 5, 4, 3275}, /* nopf; */
    {11890, 3, 2, 3279}, /* not */
    {11893, 4, 2, 3279}, /* not; */
    {11897, 6, 3, 780}, /* notin; */
    {11903, 7, 5, 3281}, /* notinE; */
    {11910, 9, 5, 3286}, /* notindot; */
    {11919, 8, 3, 780}, /* notinva; */
    {11927, 8, 3, 3291}, /* notinvb; */
    {11935, 8, 3, 3294}, /* notinvc; */
    {11943, 6, 3, 885}, /* notni; */
    {11949, 8, 3, 885}, /* notniva; */
    {11957, 8, 3, 3297}, /* notnivb; */
    {11965, 8, 3, 3300}, /* notnivc; */
    {11973, 5, 3, 777}, /* npar; */
    {11978, 10, 3, 777}, /* nparallel; */
    {11988, 7, 6, 3303}, /* nparsl; */
    {11995, 6, 5, 3309}, /* npart; */
    {12001, 8, 3, 3314}, /* npolint; */
    {12009, 4, 3, 874}, /* npr; */
    {12013, 7, 3, 882}, /* nprcue; */
    {12020, 5, 5, 877}, /* npre; */
    {12025, 6, 3, 874}, /* nprec; */
    {12031, 8, 5, 877}, /* npreceq; */
    {12039, 6, 3, 3180}, /* nrArr; */
    {12045, 6, 3, 3317}, /* nrarr; */
    {12051, 7, 5, 3320}, /* nrarrc; */
    {12058, 7, 5, 3325}, /* nrarrw; */
    {12065, 12, 3, 3317}, /* nrightarrow; */
    {12077, 6, 3, 888}, /* nrtri; */
    {12083, 7, 3, 896}, /* nrtrie; */
    {12090, 4, 3, 924}, /* nsc; */
    {12094, 7, 3, 932}, /* nsccue; */
    {12101, 5, 5, 927}, /* nsce; */
    {12106, 5, 4, 3330}, /* nscr; */
    {12111, 10, 3, 961}, /* nshortmid; */
    {12121, 15, 3, 777}, /* nshortparallel; */
    {12136, 5, 3, 949}, /* nsim; */
    {12141, 6, 3, 952}, /* nsime; */
    {12147, 7, 3, 952}, /* nsimeq; */
    {12154, 6, 3, 961}, /* nsmid; */
    {12160, 6, 3, 777}, /* nspar; */
    {12166, 8, 3, 904}, /* nsqsube; */
    {12174, 8, 3, 912}, /* nsqsupe; */
    {12182, 5, 3, 3334}, /* nsub; */
    {12187, 6, 5, 3337}, /* nsubE; */
    {12193, 6, 3, 921}, /* nsube; */
    {12199, 8, 6, 915}, /* nsubset; */
    {12207, 10, 3, 921}, /* nsubseteq; */
    {12217, 11, 5, 3337}, /* nsubseteqq; */
    {12228, 6, 3, 924}, /* nsucc; */
    {12234, 8, 5, 927}, /* nsucceq; */
    {12242, 5, 3, 3342}, /* nsup; */
    {12247, 6, 5, 3345}, /* nsupE; */
    {12253, 6, 3, 946}, /* nsupe; */
    {12259, 8, 6, 940}, /* nsupset; */
    {12267, 10, 3, 946}, /* nsupseteq; */
    {12277, 11, 5, 3345}, /* nsupseteqq; */
    {12288, 5, 3, 810}, /* ntgl; */
    {12293, 6, 2, 3350}, /* ntilde */
    {12299, 7, 2, 3350}, /* ntilde; */
    {12306, 5, 3, 848}, /* ntlg; */
    {12311, 14, 3, 831}, /* ntriangleleft; */
    {12325, 16, 3, 839}, /* ntrianglelefteq; */
    {12341, 15, 3, 888}, /* ntriangleright; */
    {12356, 17, 3, 896}, /* ntrianglerighteq; */
    {12373, 3, 2, 3352}, /* nu; */
    {12376, 4, 1, 3354}, /* num; */
    {12380, 7, 3, 3355}, /* numero; */
    {12387, 6, 3, 3358}, /* numsp; */
    {12393, 7, 3, 3361}, /* nvDash; */
    {12400, 7, 3, 3364}, /* nvHarr; */
    {12407, 5, 6, 3367}, /* nvap; */
    {12412, 7, 3, 3373}, /* nvdash; */
    {12419, 5, 6, 3376}, /* nvge; */
    {12424, 5, 4, 3382}, /* nvgt; */
    {12429, 8, 3, 3386}, /* nvinfin; */
    {12437, 7, 3, 3389}, /* nvlArr; */
    {12444, 5, 6, 3392}, /* nvle; */
    {12449, 5, 4, 3398}, /* nvlt; */
    {12454, 8, 6, 3402}, /* nvltrie; */
    {12462, 7, 3, 3408}, /* nvrArr; */
    {12469, 8, 6, 3411}, /* nvrtrie; */
    {12477, 6, 6, 3417}, /* nvsim; */
    {12483, 6, 3, 3423}, /* nwArr; */
    {12489, 7, 3, 3426}, /* nwarhk; */
    {12496, 6, 3, 1435}, /* nwarr; */
    {12502, 8, 3, 1435}, /* nwarrow; */
    {12510, 7, 3, 3429}, /* nwnear; */
    {12517, 3, 3, 2071}, /* oS; */
    {12520, 6, 2, 3432}, /* oacute */
    {12526, 7, 2, 3432}, /* oacute; */
    {12533, 5, 3, 2074}, /* oast; */
    {12538, 5, 3, 2077}, /* ocir; */
    {12543, 5, 2, 3434}, /* ocirc */
    {12548, 6, 2, 3434}, /* ocirc; */
    {12554, 4, 2, 3436}, /* ocy; */
    {12558, 6, 3, 2080}, /* odash; */
    {12564, 7, 2, 3438}, /* odblac; */
    {12571, 5, 3, 3440}, /* odiv; */
    {12576, 5, 3, 110}, /* odot; */
    {12581, 7, 3, 3443}, /* odsold; */
    {12588, 6, 2, 3446}, /* oelig; */
    {12594, 6, 3, 3448}, /* ofcir; */
    {12600, 4, 4, 3451}, /* ofr; */
    {12604, 5, 2, 3455}, /* ogon; */
    {12609, 6, 2, 3457}, /* ograve */
    {12615, 7, 2, 3457}, /* ograve; */
    {12622, 4, 3, 3459}, /* ogt; */
    {12626, 6, 3, 3462}, /* ohbar; */
    {12632, 4, 2, 990}, /* ohm; */
    {12636, 5, 3, 143}, /* oint; */
    {12641, 6, 3, 2065}, /* olarr; */
    {12647, 6, 3, 3465}, /* olcir; */
    {12653, 8, 3, 3468}, /* olcross; */
    {12661, 6, 3, 1020}, /* oline; */
    {12667, 4, 3, 3471}, /* olt; */
    {12671, 6, 2, 3474}, /* omacr; */
    {12677, 6, 2, 3476}, /* omega; */
    {12683, 8, 2, 3478}, /* omicron; */
    {12691, 5, 3, 3480}, /* omid; */
    {12696, 7, 3, 113}, /* ominus; */
    {12703, 5, 4, 3483}, /* oopf; */
    {12708, 5, 3, 3487}, /* opar; */
    {12713, 6, 3, 3490}, /* operp; */
    {12719, 6, 3, 116}, /* oplus; */
    {12725, 3, 3, 3493}, /* or; */
    {12728, 6, 3, 2068}, /* orarr; */
    {12734, 4, 3, 3496}, /* ord; */
    {12738, 6, 3, 3499}, /* order; */
    {12744, 8, 3, 3499}, /* orderof; */
    {12752, 4, 2, 3502}, /* ordf */
    {12756, 5, 2, 3502}, /* ordf; */
    {12761, 4, 2, 3504}, /* ordm */
    {12765, 5, 2, 3504}, /* ordm; */
    {12770, 7, 3, 3506}, /* origof; */
    {12777, 5, 3, 3509}, /* oror; */
    {12782, 8, 3, 3512}, /* orslope; */
    {12790, 4, 3, 3515}, /* orv; */
    {12794, 5, 3, 3499}, /* oscr; */
    {12799, 6, 2, 3518}, /* oslash */
    {12805, 7, 2, 3518}, /* oslash; */
    {12812, 5, 3, 3520}, /* osol; */
    {12817, 6, 2, 3523}, /* otilde */
    {12823, 7, 2, 3523}, /* otilde; */
    {12830, 7, 3, 119}, /* otimes; */
    {12837, 9, 3, 3525}, /* otimesas; */
    {12846, 4, 2, 3528}, /* ouml */
    {12850, 5, 2, 3528}, /* ouml; */
    {12855, 6, 3, 3530}, /* ovbar; */
    {12861, 4, 3, 256}, /* par; */
    {12865, 4, 2, 3533}, /* para */
    {12869, 5, 2, 3533}, /* para; */
    {12874, 9, 3, 256}, /* parallel; */
    {12883, 7, 3, 3535}, /* parsim; */
    {12890, 6, 3, 3538}, /* parsl; */
    {12896, 5, 3, 1032}, /* part; */
    {12901, 4, 2, 3541}, /* pcy; */
    {12905, 7, 1, 3543}, /* percnt; */
    {12912, 7, 1, 3544}, /* period; */
    {12919, 7, 3, 3545}, /* permil; */
    {12926, 5, 3, 1429}, /* perp; */
    {12931, 8, 3, 3548}, /* pertenk; */
    {12939, 4, 4, 3551}, /* pfr; */
    {12943, 4, 2, 3555}, /* phi; */
    {12947, 5, 2, 3557}, /* phiv; */
    {12952, 7, 3, 726}, /* phmmat; */
    {12959, 6, 3, 3559}, /* phone; */
    {12965, 3, 2, 3562}, /* pi; */
    {12968, 10, 3, 2463}, /* pitchfork; */
    {12978, 4, 2, 3564}, /* piv; */
    {12982, 7, 3, 2638}, /* planck; */
    {12989, 8, 3, 3566}, /* planckh; */
    {12997, 7, 3, 2638}, /* plankv; */
    {13004, 5, 1, 3569}, /* plus; */
    {13009, 9, 3, 3570}, /* plusacir; */
    {13018, 6, 3, 1931}, /* plusb; */
    {13024, 8, 3, 3573}, /* pluscir; */
    {13032, 7, 3, 2269}, /* plusdo; */
    {13039, 7, 3, 3576}, /* plusdu; */
    {13046, 6, 3, 3579}, /* pluse; */
    {13052, 6, 2, 1045}, /* plusmn */
    {13058, 7, 2, 1045}, /* plusmn; */
    {13065, 8, 3, 3582}, /* plussim; */
    {13073, 8, 3, 3585}, /* plustwo; */
    {13081, 3, 2, 1045}, /* pm; */
    {13084, 9, 3, 3588}, /* pointint; */
    {13093, 5, 4, 3591}, /* popf; */
    {13098, 5, 2, 3595}, /* pound */
    {13103, 6, 2, 3595}, /* pound; */
    {13109, 3, 3, 1053}, /* pr; */
    {13112, 4, 3, 3597}, /* prE; */
    {13116, 5, 3, 3600}, /* prap; */
    {13121, 6, 3, 1059}, /* prcue; */
    {13127, 4, 3, 1056}, /* pre; */
    {13131, 5, 3, 1053}, /* prec; */
    {13136, 11, 3, 3600}, /* precapprox; */
    {13147, 12, 3, 1059}, /* preccurlyeq; */
    {13159, 7, 3, 1056}, /* preceq; */
    {13166, 12, 3, 3603}, /* precnapprox; */
    {13178, 9, 3, 3606}, /* precneqq; */
    {13187, 9, 3, 3609}, /* precnsim; */
    {13196, 8, 3, 1062}, /* precsim; */
    {13204, 6, 3, 3612}, /* prime; */
    {13210, 7, 3, 1047}, /* primes; */
    {13217, 5, 3, 3606}, /* prnE; */
    {13222, 6, 3, 3603}, /* prnap; */
    {13228, 7, 3, 3609}, /* prnsim; */
    {13235, 5, 3, 1068}, /* prod; */
    {13240, 9, 3, 3615}, /* profalar; */
    {13249, 9, 3, 3618}, /* profline; */
    {13258, 9, 3, 3621}, /* profsurf; */
    {13267, 5, 3, 1071}, /* prop; */
    {13272, 7, 3, 1071}, /* propto; */
    {13279, 6, 3, 1062}, /* prsim; */
    {13285, 7, 3, 3624}, /* prurel; */
    {13292, 5, 4, 3627}, /* pscr; */
    {13297, 4, 2, 3631}, /* psi; */
    {13301, 7, 3, 3633}, /* puncsp; */
    {13308, 4, 4, 3636}, /* qfr; */
    {13312, 5, 3, 2706}, /* qint; */
    {13317, 5, 4, 3640}, /* qopf; */
    {13322, 7, 3, 3644}, /* qprime; */
    {13329, 5, 4, 3647}, /* qscr; */
    {13334, 12, 3, 458}, /* quaternions; */
    {13346, 8, 3, 3651}, /* quatint; */
    {13354, 6, 1, 3654}, /* quest; */
    {13360, 8, 3, 2397}, /* questeq; */
    {13368, 4, 1, 1080}, /* quot */
    {13372, 5, 1, 1080}, /* quot; */
    {13377, 6, 3, 1200}, /* rAarr; */
    {13383, 5, 3, 244}, /* rArr; */
    {13388, 7, 3, 3655}, /* rAtail; */
    {13395, 6, 3, 2210}, /* rBarr; */
    {13401, 5, 3, 3658}, /* rHar; */
    {13406, 5, 5, 3661}, /* race; */
    {13411, 7, 2, 3666}, /* racute; */
    {13418, 6, 3, 1247}, /* radic; */
    {13424, 9, 3, 3668}, /* raemptyv; */
    {13433, 5, 3, 1128}, /* rang; */
    {13438, 6, 3, 3671}, /* rangd; */
    {13444, 6, 3, 3674}, /* range; */
    {13450, 7, 3, 1128}, /* rangle; */
    {13457, 5, 2, 3677}, /* raquo */
    {13462, 6, 2, 3677}, /* raquo; */
    {13468, 5, 3, 1131}, /* rarr; */
    {13473, 7, 3, 3679}, /* rarrap; */
    {13480, 6, 3, 1134}, /* rarrb; */
    {13486, 8, 3, 3682}, /* rarrbfs; */
    {13494, 6, 3, 3685}, /* rarrc; */
    {13500, 7, 3, 3688}, /* rarrfs; */
    {13507, 7, 3, 2671}, /* rarrhk; */
    {13514, 7, 3, 3007}, /* rarrlp; */
    {13521, 7, 3, 3691}, /* rarrpl; */
    {13528, 8, 3, 3694}, /* rarrsim; */
    {13536, 7, 3, 3697}, /* rarrtl; */
    {13543, 6, 3, 3700}, /* rarrw; */
    {13549, 7, 3, 3703}, /* ratail; */
    {13556, 6, 3, 3706}, /* ratio; */
    {13562, 10, 3, 1085}, /* rationals; */
    {13572, 6, 3, 1788}, /* rbarr; */
    {13578, 6, 3, 3709}, /* rbbrk; */
    {13584, 7, 1, 3712}, /* rbrace; */
    {13591, 7, 1, 3713}, /* rbrack; */
    {13598, 6, 3, 3714}, /* rbrke; */
    {13604, 8, 3, 3717}, /* rbrksld; */
    {13612, 8, 3, 3720}, /* rbrkslu; */
    {13620, 7, 2, 3723}, /* rcaron; */
    {13627, 7, 2, 3725}, /* rcedil; */
    {13634, 6, 3, 1140}, /* rceil; */
    {13640, 5, 1, 3712}, /* rcub; */
    {13645, 4, 2, 3727}, /* rcy; */
    {13649, 5, 3, 3729}, /* rdca; */
    {13654, 8, 3, 3732}, /* rdldhar; */
    {13662, 6, 3, 125}, /* rdquo; */
    {13668, 7, 3, 125}, /* rdquor; */
    {13675, 5, 3, 3735}, /* rdsh; */
    {13680, 5, 3, 1114}, /* real; */
    {13685, 8, 3, 1203}, /* realine; */
    {13693, 9, 3, 1114}, /* realpart; */
    {13702, 6, 3, 1194}, /* reals; */
    {13708, 5, 3, 3738}, /* rect; */
    {13713, 3, 2, 1095}, /* reg */
    {13716, 4, 2, 1095}, /* reg; */
    {13720, 7, 3, 3741}, /* rfisht; */
    {13727, 7, 3, 1155}, /* rfloor; */
    {13734, 4, 4, 3744}, /* rfr; */
    {13738, 6, 3, 285}, /* rhard; */
    {13744, 6, 3, 1188}, /* rharu; */
    {13750, 7, 3, 3748}, /* rharul; */
    {13757, 4, 2, 3751}, /* rho; */
    {13761, 5, 2, 3753}, /* rhov; */
    {13766, 11, 3, 1131}, /* rightarrow; */
    {13777, 15, 3, 3697}, /* rightarrowtail; */
    {13792, 17, 3, 285}, /* rightharpoondown; */
    {13809, 15, 3, 1188}, /* rightharpoonup; */
    {13824, 16, 3, 1137}, /* rightleftarrows; */
    {13840, 18, 3, 348}, /* rightleftharpoons; */
    {13858, 17, 3, 3755}, /* rightrightarrows; */
    {13875, 16, 3, 3700}, /* rightsquigarrow; */
    {13891, 16, 3, 3758}, /* rightthreetimes; */
    {13907, 5, 2, 3761}, /* ring; */
    {13912, 13, 3, 2406}, /* risingdotseq; */
    {13925, 6, 3, 1137}, /* rlarr; */
    {13931, 6, 3, 348}, /* rlhar; */
    {13937, 4, 3, 3763}, /* rlm; */
    {13941, 7, 3, 3766}, /* rmoust; */
    {13948, 11, 3, 3766}, /* rmoustache; */
    {13959, 6, 3, 3769}, /* rnmid; */
    {13965, 6, 3, 3772}, /* roang; */
    {13971, 6, 3, 3775}, /* roarr; */
    {13977, 6, 3, 1143}, /* robrk; */
    {13983, 6, 3, 3778}, /* ropar; */
    {13989, 5, 4, 3781}, /* ropf; */
    {13994, 7, 3, 3785}, /* roplus; */
    {14001, 8, 3, 3788}, /* rotimes; */
    {14009, 5, 1, 3791}, /* rpar; */
    {14014, 7, 3, 3792}, /* rpargt; */
    {14021, 9, 3, 3795}, /* rppolint; */
    {14030, 6, 3, 3755}, /* rrarr; */
    {14036, 7, 3, 3798}, /* rsaquo; */
    {14043, 5, 4, 3801}, /* rscr; */
    {14048, 4, 3, 1206}, /* rsh; */
    {14052, 5, 1, 3713}, /* rsqb; */
    {14057, 6, 3, 128}, /* rsquo; */
    {14063, 7, 3, 128}, /* rsquor; */
    {14070, 7, 3, 3758}, /* rthree; */
    {14077, 7, 3, 3805}, /* rtimes; */
    {14084, 5, 3, 3808}, /* rtri; */
    {14089, 6, 3, 1173}, /* rtrie; */
    {14095, 6, 3, 1803}, /* rtrif; */
    {14101, 9, 3, 3811}, /* rtriltri; */
    {14110, 8, 3, 3814}, /* ruluhar; */
    {14118, 3, 3, 3817}, /* rx; */
    {14121, 7, 2, 3820}, /* sacute; */
    {14128, 6, 3, 3055}, /* sbquo; */
    {14134, 3, 3, 1284}, /* sc; */
    {14137, 4, 3, 3822}, /* scE; */
    {14141, 5, 3, 3825}, /* scap; */
    {14146, 7, 2, 3828}, /* scaron; */
    {14153, 6, 3, 1290}, /* sccue; */
    {14159, 4, 3, 1287}, /* sce; */
    {14163, 7, 2, 3830}, /* scedil; */
    {14170, 6, 2, 3832}, /* scirc; */
    {14176, 5, 3, 3834}, /* scnE; */
    {14181, 6, 3, 3837}, /* scnap; */
    {14187, 7, 3, 3840}, /* scnsim; */
    {14194, 9, 3, 3843}, /* scpolint; */
    {14203, 6, 3, 1293}, /* scsim; */
    {14209, 4, 2, 3846}, /* scy; */
    {14213, 5, 3, 3848}, /* sdot; */
    {14218, 6, 3, 2272}, /* sdotb; */
    {14224, 6, 3, 3851}, /* sdote; */
    {14230, 6, 3, 3854}, /* seArr; */
    {14236, 7, 3, 2656}, /* searhk; */
    {14243, 6, 3, 707}, /* searr; */
    {14249, 8, 3, 707}, /* searrow; */
    {14257, 4, 2, 3857}, /* sect */
    {14261, 5, 2, 3857}, /* sect; */
    {14266, 5, 1, 3859}, /* semi; */
    {14271, 7, 3, 3860}, /* seswar; */
    {14278, 9, 3, 46}, /* setminus; */
    {14287, 6, 3, 46}, /* setmn; */
    {14293, 5, 3, 3863}, /* sext; */
    {14298, 4, 4, 3866}, /* sfr; */
    {14302, 7, 3, 2517}, /* sfrown; */
    {14309, 6, 3, 3870}, /* sharp; */
    {14315, 7, 2, 3873}, /* shchcy; */
    {14322, 5, 2, 3875}, /* shcy; */
    {14327, 9, 3, 1475}, /* shortmid; */
    {14336, 14, 3, 256}, /* shortparallel; */
    {14350, 3, 2, 3877}, /* shy */
    {14353, 4, 2, 3877}, /* shy; */
    {14357, 6, 2, 3879}, /* sigma; */
    {14363, 7, 2, 3881}, /* sigmaf; */
    {14370, 7, 2, 3881}, /* sigmav; */
    {14377, 4, 3, 1344}, /* sim; */
    {14381, 7, 3, 3883}, /* simdot; */
    {14388, 5, 3, 1347}, /* sime; */
    {14393, 6, 3, 1347}, /* simeq; */
    {14399, 5, 3, 3886}, /* simg; */
    {14404, 6, 3, 3889}, /* simgE; */
    {14410, 5, 3, 3892}, /* siml; */
    {14415, 6, 3, 3895}, /* simlE; */
    {14421, 6, 3, 3898}, /* simne; */
    {14427, 8, 3, 3901}, /* simplus; */
    {14435, 8, 3, 3904}, /* simrarr; */
    {14443, 6, 3, 592}, /* slarr; */
    {14449, 14, 3, 46}, /* smallsetminus; */
    {14463, 7, 3, 3907}, /* smashp; */
    {14470, 9, 3, 3910}, /* smeparsl; */
    {14479, 5, 3, 1475}, /* smid; */
    {14484, 6, 3, 3913}, /* smile; */
    {14490, 4, 3, 3916}, /* smt; */
    {14494, 5, 3, 3919}, /* smte; */
    {14499, 6, 6, 3922}, /* smtes; */
    {14505, 7, 2, 3928}, /* softcy; */
    {14512, 4, 1, 3930}, /* sol; */
    {14516, 5, 3, 3931}, /* solb; */
    {14521, 7, 3, 3934}, /* solbar; */
    {14528, 5, 4, 3937}, /* sopf; */
    {14533, 7, 3, 3941}, /* spades; */
    {14540, 10, 3, 3941}, /* spadesuit; */
    {14550, 5, 3, 256}, /* spar; */
    {14555, 6, 3, 1253}, /* sqcap; */
    {14561, 7, 6, 3944}, /* sqcaps; */
    {14568, 6, 3, 1268}, /* sqcup; */
    {14574, 7, 6, 3950}, /* sqcups; */
    {14581, 6, 3, 1256}, /* sqsub; */
    {14587, 7, 3, 1259}, /* sqsube; */
    {14594, 9, 3, 1256}, /* sqsubset; */
    {14603, 11, 3, 1259}, /* sqsubseteq; */
    {14614, 6, 3, 1262}, /* sqsup; */
    {14620, 7, 3, 1265}, /* sqsupe; */
    {14627, 9, 3, 1262}, /* sqsupset; */
    {14636, 11, 3, 1265}, /* sqsupseteq; */
    {14647, 4, 3, 1250}, /* squ; */
    {14651, 7, 3, 1250}, /* square; */
    {14658, 7, 3, 376}, /* squarf; */
    {14665, 5, 3, 376}, /* squf; */
    {14670, 6, 3, 1131}, /* srarr; */
    {14676, 5, 4, 3956}, /* sscr; */
    {14681, 7, 3, 46}, /* ssetmn; */
    {14688, 7, 3, 3913}, /* ssmile; */
    {14695, 7, 3, 1275}, /* sstarf; */
    {14702, 5, 3, 3960}, /* star; */
    {14707, 6, 3, 1776}, /* starf; */
    {14713, 16, 2, 2394}, /* straightepsilon; */
    {14729, 12, 2, 3557}, /* straightphi; */
    {14741, 6, 2, 3096}, /* strns; */
    {14747, 4, 3, 3963}, /* sub; */
    {14751, 5, 3, 3966}, /* subE; */
    {14756, 7, 3, 3969}, /* subdot; */
    {14763, 5, 3, 1281}, /* sube; */
    {14768, 8, 3, 3972}, /* subedot; */
    {14776, 8, 3, 3975}, /* submult; */
    {14784, 6, 3, 3978}, /* subnE; */
    {14790, 6, 3, 3981}, /* subne; */
    {14796, 8, 3, 3984}, /* subplus; */
    {14804, 8, 3, 3987}, /* subrarr; */
    {14812, 7, 3, 3963}, /* subset; */
    {14819, 9, 3, 1281}, /* subseteq; */
    {14828, 10, 3, 3966}, /* subseteqq; */
    {14838, 10, 3, 3981}, /* subsetneq; */
    {14848, 11, 3, 3978}, /* subsetneqq; */
    {14859, 7, 3, 3990}, /* subsim; */
    {14866, 7, 3, 3993}, /* subsub; */
    {14873, 7, 3, 3996}, /* subsup; */
    {14880, 5, 3, 1284}, /* succ; */
    {14885, 11, 3, 3825}, /* succapprox; */
    {14896, 12, 3, 1290}, /* succcurlyeq; */
    {14908, 7, 3, 1287}, /* succeq; */
    {14915, 12, 3, 3837}, /* succnapprox; */
    {14927, 9, 3, 3834}, /* succneqq; */
    {14936, 9, 3, 3840}, /* succnsim; */
    {14945, 8, 3, 1293}, /* succsim; */
    {14953, 4, 3, 1296}, /* sum; */
    {14957, 5, 3, 3999}, /* sung; */
    {14962, 4, 2, 4002}, /* sup1 */
    {14966, 5, 2, 4002}, /* sup1; */
    {14971, 4, 2, 4004}, /* sup2 */
    {14975, 5, 2, 4004}, /* sup2; */
    {14980, 4, 2, 4006}, /* sup3 */
    {14984, 5, 2, 4006}, /* sup3; */
    {14989, 4, 3, 1302}, /* sup; */
    {14993, 5, 3, 4008}, /* supE; */
    {14998, 7, 3, 4011}, /* supdot; */
    {15005, 8, 3, 4014}, /* supdsub; */
    {15013, 5, 3, 1305}, /* supe; */
    {15018, 8, 3, 4017}, /* supedot; */
    {15026, 8, 3, 4020}, /* suphsol; */
    {15034, 8, 3, 4023}, /* suphsub; */
    {15042, 8, 3, 4026}, /* suplarr; */
    {15050, 8, 3, 4029}, /* supmult; */
    {15058, 6, 3, 4032}, /* supnE; */
    {15064, 6, 3, 4035}, /* supne; */
    {15070, 8, 3, 4038}, /* supplus; */
    {15078, 7, 3, 1302}, /* supset; */
    {15085, 9, 3, 1305}, /* supseteq; */
    {15094, 10, 3, 4008}, /* supseteqq; */
    {15104, 10, 3, 4035}, /* supsetneq; */
    {15114, 11, 3, 4032}, /* supsetneqq; */
    {15125, 7, 3, 4041}, /* supsim; */
    {15132, 7, 3, 4044}, /* supsub; */
    {15139, 7, 3, 4047}, /* supsup; */
    {15146, 6, 3, 4050}, /* swArr; */
    {15152, 7, 3, 2659}, /* swarhk; */
    {15159, 6, 3, 704}, /* swarr; */
    {15165, 8, 3, 704}, /* swarrow; */
    {15173, 7, 3, 4053}, /* swnwar; */
    {15180, 5, 2, 4056}, /* szlig */
    {15185, 6, 2, 4056}, /* szlig; */
    {15191, 7, 3, 4058}, /* target; */
    {15198, 4, 2, 4061}, /* tau; */
    {15202, 5, 3, 1026}, /* tbrk; */
    {15207, 7, 2, 4063}, /* tcaron; */
    {15214, 7, 2, 4065}, /* tcedil; */
    {15221, 4, 2, 4067}, /* tcy; */
    {15225, 5, 3, 1360}, /* tdot; */
    {15230, 7, 3, 4069}, /* telrec; */
    {15237, 4, 4, 4072}, /* tfr; */
    {15241, 7, 3, 1330}, /* there4; */
    {15248, 10, 3, 1330}, /* therefore; */
    {15258, 6, 2, 4076}, /* theta; */
    {15264, 9, 2, 4078}, /* thetasym; */
    {15273, 7, 2, 4078}, /* thetav; */
    {15280, 12, 3, 1353}, /* thickapprox; */
    {15292, 9, 3, 1344}, /* thicksim; */
    {15301, 7, 3, 1341}, /* thinsp; */
    {15308, 6, 3, 1353}, /* thkap; */
    {15314, 7, 3, 1344}, /* thksim; */
    {15321, 5, 2, 4080}, /* thorn */
    {15326, 6, 2, 4080}, /* thorn; */
    {15332, 6, 2, 206}, /* tilde; */
    {15338, 5, 2, 4082}, /* times */
    {15343, 6, 2, 4082}, /* times; */
    {15349, 7, 3, 1934}, /* timesb; */
    {15356, 9, 3, 4084}, /* timesbar; */
    {15365, 7, 3, 4087}, /* timesd; */
    {15372, 5, 3, 2709}, /* tint; */
    {15377, 5, 3, 3243}, /* toea; */
    {15382, 4, 3, 291}, /* top; */
    {15386, 7, 3, 4090}, /* topbot; */
    {15393, 7, 3, 4093}, /* topcir; */
    {15400, 5, 4, 4096}, /* topf; */
    {15405, 8, 3, 4100}, /* topfork; */
    {15413, 5, 3, 3860}, /* tosa; */
    {15418, 7, 3, 4103}, /* tprime; */
    {15425, 6, 3, 1310}, /* trade; */
    {15431, 9, 3, 4106}, /* triangle; */
    {15440, 13, 3, 2295}, /* triangledown; */
    {15453, 13, 3, 3078}, /* triangleleft; */
    {15466, 15, 3, 640}, /* trianglelefteq; */
    {15481, 10, 3, 4109}, /* triangleq; */
    {15491, 14, 3, 3808}, /* triangleright; */
    {15505, 16, 3, 1173}, /* trianglerighteq; */
    {15521, 7, 3, 4112}, /* tridot; */
    {15528, 5, 3, 4109}, /* trie; */
    {15533, 9, 3, 4115}, /* triminus; */
    {15542, 8, 3, 4118}, /* triplus; */
    {15550, 6, 3, 4121}, /* trisb; */
    {15556, 8, 3, 4124}, /* tritime; */
    {15564, 9, 3, 4127}, /* trpezium; */
    {15573, 5, 4, 4130}, /* tscr; */
    {15578, 5, 2, 4134}, /* tscy; */
    {15583, 6, 2, 4136}, /* tshcy; */
    {15589, 7, 2, 4138}, /* tstrok; */
    {15596, 6, 3, 1754}, /* twixt; */
    {15602, 17, 3, 580}, /* twoheadleftarrow; */
    {15619, 18, 3, 1102}, /* twoheadrightarrow; */
    {15637, 5, 3, 250}, /* uArr; */
    {15642, 5, 3, 4140}, /* uHar; */
    {15647, 6, 2, 4143}, /* uacute */
    {15653, 7, 2, 4143}, /* uacute; */
    {15660, 5, 3, 1235}, /* uarr; */
    {15665, 6, 2, 4145}, /* ubrcy; */
    {15671, 7, 2, 4147}, /* ubreve; */
    {15678, 5, 2, 4149}, /* ucirc */
    {15683, 6, 2, 4149}, /* ucirc; */
    {15689, 4, 2, 4151}, /* ucy; */
    {15693, 6, 3, 1420}, /* udarr; */
    {15699, 7, 2, 4153}, /* udblac; */
    {15706, 6, 3, 1426}, /* udhar; */
    {15712, 7, 3, 4155}, /* ufisht; */
    {15719, 4, 4, 4158}, /* ufr; */
    {15723, 6, 2, 4162}, /* ugrave */
    {15729, 7, 2, 4162}, /* ugrave; */
    {15736, 6, 3, 649}, /* uharl; */
    {15742, 6, 3, 1182}, /* uharr; */
    {15748, 6, 3, 4164}, /* uhblk; */
    {15754, 7, 3, 4167}, /* ulcorn; */
    {15761, 9, 3, 4167}, /* ulcorner; */
    {15770, 7, 3, 4170}, /* ulcrop; */
    {15777, 6, 3, 4173}, /* ultri; */
    {15783, 6, 2, 4176}, /* umacr; */
    {15789, 3, 2, 218}, /* uml */
    {15792, 4, 2, 218}, /* uml; */
    {15796, 6, 2, 4178}, /* uogon; */
    {15802, 5, 4, 4180}, /* uopf; */
    {15807, 8, 3, 1235}, /* uparrow; */
    {15815, 12, 3, 1423}, /* updownarrow; */
    {15827, 14, 3, 649}, /* upharpoonleft; */
    {15841, 15, 3, 1182}, /* upharpoonright; */
    {15856, 6, 3, 1408}, /* uplus; */
    {15862, 5, 2, 4184}, /* upsi; */
    {15867, 6, 2, 1441}, /* upsih; */
    {15873, 8, 2, 4184}, /* upsilon; */
    {15881, 11, 3, 4186}, /* upuparrows; */
    {15892, 7, 3, 4189}, /* urcorn; */
    {15899, 9, 3, 4189}, /* urcorner; */
    {15908, 7, 3, 4192}, /* urcrop; */
    {15915, 6, 2, 4195}, /* uring; */
    {15921, 6, 3, 4197}, /* urtri; */
    {15927, 5, 4, 4200}, /* uscr; */
    {15932, 6, 3, 4204}, /* utdot; */
    {15938, 7, 2, 4207}, /* utilde; */
    {15945, 5, 3, 4106}, /* utri; */
    {15950, 6, 3, 1794}, /* utrif; */
    {15956, 6, 3, 4186}, /* uuarr; */
    {15962, 4, 2, 4209}, /* uuml */
    {15966, 5, 2, 4209}, /* uuml; */
    {15971, 8, 3, 4211}, /* uwangle; */
    {15979, 5, 3, 253}, /* vArr; */
    {15984, 5, 3, 4214}, /* vBar; */
    {15989, 6, 3, 4217}, /* vBarv; */
    {15995, 6, 3, 247}, /* vDash; */
    {16001, 7, 3, 4220}, /* vangrt; */
    {16008, 11, 2, 2394}, /* varepsilon; */
    {16019, 9, 2, 2805}, /* varkappa; */
    {16028, 11, 3, 2360}, /* varnothing; */
    {16039, 7, 2, 3557}, /* varphi; */
    {16046, 6, 2, 3564}, /* varpi; */
    {16052, 10, 3, 1071}, /* varpropto; */
    {16062, 5, 3, 1423}, /* varr; */
    {16067, 7, 2, 3753}, /* varrho; */
    {16074, 9, 2, 3881}, /* varsigma; */
    {16083, 13, 6, 4223}, /* varsubsetneq; */
    {16096, 14, 6, 4229}, /* varsubsetneqq; */
    {16110, 13, 6, 4235}, /* varsupsetneq; */
    {16123, 14, 6, 4241}, /* varsupsetneqq; */
    {16137, 9, 2, 4078}, /* vartheta; */
    {16146, 16, 3, 634}, /* vartriangleleft; */
    {16162, 17, 3, 1167}, /* vartriangleright; */
    {16179, 4, 2, 4247}, /* vcy; */
    {16183, 6, 3, 1158}, /* vdash; */
    {16189, 4, 3, 3493}, /* vee; */
    {16193, 7, 3, 4249}, /* veebar; */
    {16200, 6, 3, 4252}, /* veeeq; */
    {16206, 7, 3, 4255}, /* vellip; */
    {16213, 7, 1, 1478}, /* verbar; */
    {16220, 5, 1, 1478}, /* vert; */
    {16225, 4, 4, 4258}, /* vfr; */
    {16229, 6, 3, 634}, /* vltri; */
    {16235, 6, 6, 915}, /* vnsub; */
    {16241, 6, 6, 940}, /* vnsup; */
    {16247, 5, 4, 4262}, /* vopf; */
    {16252, 6, 3, 1071}, /* vprop; */
    {16258, 6, 3, 1167}, /* vrtri; */
    {16264, 5, 4, 4266}, /* vscr; */
    {16269, 7, 6, 4229}, /* vsubnE; */
    {16276, 7, 6, 4223}, /* vsubne; */
    {16283, 7, 6, 4241}, /* vsupnE; */
    {16290, 7, 6, 4235}, /* vsupne; */
    {16297, 8, 3, 4270}, /* vzigzag; */
    {16305, 6, 2, 4273}, /* wcirc; */
    {16311, 7, 3, 4275}, /* wedbar; */
    {16318, 6, 3, 1619}, /* wedge; */
    {16324, 7, 3, 4278}, /* wedgeq; */
    {16331, 7, 3, 4281}, /* weierp; */
    {16338, 4, 4, 4284}, /* wfr; */
    {16342, 5, 4, 4288}, /* wopf; */
    {16347, 3, 3, 4281}, /* wp; */
    {16350, 3, 3, 1482}, /* wr; */
    {16353, 7, 3, 1482}, /* wreath; */
    {16360, 5, 4, 4292}, /* wscr; */
    {16365, 5, 3, 499}, /* xcap; */
    {16370, 6, 3, 1761}, /* xcirc; */
    {16376, 5, 3, 1405}, /* xcup; */
    {16381, 6, 3, 1779}, /* xdtri; */
    {16387, 4, 4, 4296}, /* xfr; */
    {16391, 6, 3, 238}, /* xhArr; */
    {16397, 6, 3, 694}, /* xharr; */
    {16403, 3, 2, 4300}, /* xi; */
    {16406, 6, 3, 235}, /* xlArr; */
    {16412, 6, 3, 691}, /* xlarr; */
    {16418, 5, 3, 3004}, /* xmap; */
    {16423, 5, 3, 4302}, /* xnis; */
    {16428, 6, 3, 1764}, /* xodot; */
    {16434, 5, 4, 4305}, /* xopf; */
    {16439, 7, 3, 1767}, /* xoplus; */
    {16446, 7, 3, 1770}, /* xotime; */
    {16453, 6, 3, 241}, /* xrArr; */
    {16459, 6, 3, 697}, /* xrarr; */
    {16465, 5, 4, 4309}, /* xscr; */
    {16470, 7, 3, 1773}, /* xsqcup; */
    {16477, 7, 3, 1785}, /* xuplus; */
    {16484, 6, 3, 1782}, /* xutri; */
    {16490, 5, 3, 1469}, /* xvee; */
    {16495, 7, 3, 1505}, /* xwedge; */
    {16502, 6, 2, 4313}, /* yacute */
    {16508, 7, 2, 4313}, /* yacute; */
    {16515, 5, 2, 4315}, /* yacy; */
    {16520, 6, 2, 4317}, /* ycirc; */
    {16526, 4, 2, 4319}, /* ycy; */
    {16530, 3, 2, 4321}, /* yen */
    {16533, 4, 2, 4321}, /* yen; */
    {16537, 4, 4, 4323}, /* yfr; */
    {16541, 5, 2, 4327}, /* yicy; */
    {16546, 5, 4, 4329}, /* yopf; */
    {16551, 5, 4, 4333}, /* yscr; */
    {16556, 5, 2, 4337}, /* yucy; */
    {16561, 4, 2, 4339}, /* yuml */
    {16565, 5, 2, 4339}, /* yuml; */
    {16570, 7, 2, 4341}, /* zacute; */
    {16577, 7, 2, 4343}, /* zcaron; */
    {16584, 4, 2, 4345}, /* zcy; */
    {16588, 5, 2, 4347}, /* zdot; */
    {16593, 7, 3, 1572}, /* zeetrf; */
    {16600, 5, 2, 4349}, /* zeta; */
    {16605, 4, 4, 4351}, /* zfr; */
    {16609, 5, 2, 4355}, /* zhcy; */
    {16614, 8, 3, 4357}, /* zigrarr; */
    {16622, 5, 4, 4360}, /* zopf; */
    {16627, 5, 4, 4364}, /* zscr; */
    {16632, 4, 3, 4368}, /* zwj; */
    {16636, 5, 3, 4371}, /* zwnj; */
};

/* memcmp order, a prefix before the longer name. */
static int s_cmp(const s_entry_t *e, const char *name, size_t len)
{
    size_t n = e->name_len < len ? e->name_len : len;
    int c = memcmp(s_names + e->name_off, name, n);
    if (c)
        return c;
    return e->name_len < len ? -1 : e->name_len > len ? 1 : 0;
}

bool zc_entities_find(const char *name, size_t len, const char **value, size_t *vlen)
{
    if (len == 0 || len > ZC_ENTITIES_NAME_MAX)
        return false;
    size_t lo = 0, hi = ZC_ENTITIES_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = s_cmp(&s_entries[mid], name, len);
        if (c == 0) {
            *value = s_values + s_entries[mid].value_off;
            *vlen = s_entries[mid].value_len;
            return true;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static bool s_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t zc_entities_match(const char *s, size_t n, const char **value, size_t *vlen)
{
    /* Names are alphanumerics, then ';' or not: a name with ';' can only
       match the whole alphanumeric run, a legacy one any prefix of it. */
    size_t k = 0;
    while (k < n && k < ZC_ENTITIES_NAME_MAX && s_alnum(s[k]))
        k++;
    if (k < n && s[k] == ';' && zc_entities_find(s, k + 1, value, vlen))
        return k + 1;
    for (size_t j = k < ZC_ENTITIES_LEGACY_MAX ? k : ZC_ENTITIES_LEGACY_MAX; j > 0; j--)
        if (zc_entities_find(s, j, value, vlen))
            return j;
    return 0;
}

/* --- self-test ------------------------------------------------------------ */

static void s_expect(const char *in, size_t used, const char *value, bool verbose)
{
    const char *v = NULL;
    size_t vlen = 0;
    size_t got = zc_entities_match(in, strlen(in), &v, &vlen);
    bool ok = got == used && (used == 0 || (vlen == strlen(value) && memcmp(v, value, vlen) == 0));
    if (verbose || !ok)
        fprintf(stderr, "&%s: used %zu (want %zu)\n", in, got, used);
    assert(ok);
}

int zc_entities_test(bool verbose)
{
    /* Sorted strictly, and every name finds itself. */
    for (size_t i = 0; i < ZC_ENTITIES_COUNT; i++) {
        const s_entry_t *e = &s_entries[i];
        assert(e->name_len > 0 && e->name_len <= ZC_ENTITIES_NAME_MAX);
        assert(e->value_len > 0 && e->value_len <= ZC_ENTITIES_VALUE_MAX);
        if (i > 0)
            assert(s_cmp(&s_entries[i - 1], s_names + e->name_off, e->name_len) < 0);
        const char *v;
        size_t vlen;
        assert(zc_entities_find(s_names + e->name_off, e->name_len, &v, &vlen));
        assert(v == s_values + e->value_off && vlen == e->value_len);
        if (s_names[e->name_off + e->name_len - 1] != ';')
            assert(e->name_len <= ZC_ENTITIES_LEGACY_MAX);
    }
    /* Known values: one and two code points, longest and legacy names. */
    s_expect("amp;", 4, "&", verbose);
    s_expect("amp", 3, "&", verbose);
    s_expect("AMP;x", 4, "&", verbose);
    s_expect("ampx", 3, "&", verbose);
    s_expect("notin;", 6, "\342\210\211", verbose);
    s_expect("notit;", 3, "\302\254", verbose);
    s_expect("NotEqualTilde;", 14, "\342\211\202\314\270", verbose);
    s_expect("CounterClockwiseContourIntegral;", 32, "\342\210\263", verbose);
    s_expect("hellip", 0, "", verbose);
    s_expect("hellip;", 7, "\342\200\246", verbose);
    s_expect("xyz;", 0, "", verbose);
    s_expect(";", 0, "", verbose);
    s_expect("", 0, "", verbose);
    s_expect("Amp;", 0, "", verbose);
    const char *v;
    size_t vlen;
    assert(!zc_entities_find("amp;x", 5, &v, &vlen));
    assert(!zc_entities_find("am", 2, &v, &vlen));
    return 0;
}
