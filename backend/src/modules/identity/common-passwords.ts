/**
 * Passwords and base words seen at the top of public leaked-password lists (lower case), checked
 * with and without leading/trailing digits and symbols. Short entries still matter: "monkey123456"
 * is refused through its base word. Add to it freely; order does not matter.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball
abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890
michael 654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan
jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000
charlie robert thomas hockey ranger daniel starwars klaster 112233 george computer michelle
jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa
ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme matthew access
yankees 987654321 dallas austin thunder taylor matrix minecraft welcome admin administrator root
toor changeme secret login passw0rd p@ssw0rd p@ssword qwerty123 qwerty1 password1 password12
password123 password1234 passwordpassword letmein123 welcome1 welcome123 iloveyou1 abc12345
abcd1234 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc zaq12wsx zaq1zaq1 asdfghjkl asdfghjkl123
qwertyuiop123 qwertyuiop12 zxcvbnm123 123456789012 1234567890123 12345678910 0987654321
123123123 123123123123 111111111111 000000000000 qwerty123456 qwertyqwerty 123qweasdzxc 1qazxsw2
q1w2e3r4 q1w2e3r4t5y6 football123 baseball123 monkey123 dragon123 master123 shadow123
superman123 batman123 sunshine123 princess123 starwars123 pokemon pokemon123 liverpool arsenal
chelsea123 manchester barcelona realmadrid juventus samsung google apple microsoft facebook
instagram twitter linkedin yahoo hotmail gmail internet computer123 trustno1trustno1
letmeinplease opensesame hello hello123 hello1234 helloworld hello12345 whatever whatever123
nothing secret123 mypassword mypassword123 yourpassword thepassword newpassword newpassword123
oldpassword temppassword temp1234 test test123 test1234 testtest testing testing123 guest
guest123 user user123 default default123 changeit changeme123 adminadmin admin123 admin1234
admin12345 administrator1 rootroot root123 support support123 service letmein1 iloveyou123
loveyou lovely loveme flower flowers butterfly angel angels baby babygirl babyboy family forever
friends friend jesus jesus1 christ blessed god godisgood heaven purple orange yellow banana
apple123 cookie chocolate summer123 winter winter123 spring autumn january february march april
may june july august september october november december monday friday sunday weekend holiday
vacation freedom123 liberty america canada london paris berlin tokyo newyork california texas
florida chicago boston jordan23 michael1 jennifer1 jessica1 ashley1 charlie1 daniel1 thomas1
robert1 andrew1 joshua1 matthew1 anthony1 william1 david1 james1 john1 richard1 joseph1 charles1
christopher justin brandon hannah sophie emily olivia emma lucas noah liam ethan mason logan
samantha victoria elizabeth alexander alexandra benjamin nicholas jonathan patrick qwe123 qweqwe
qweasd qweasdzxc asd123 asdasd zxc123 zxczxc 1q1q1q1q 2wsx3edc 3edc4rfv 4rfv5tgb abcdef abcdefg
abcdefgh abcdefghijkl abcdefghijklmnop aaaaaaaaaaaa abc123abc123 a1b2c3d4 a1b2c3d4e5f6 access14
mustang1 cowboys eagles steelers packers lakers yankees1 redsox dolphins broncos patriots
raiders rangers hockey1 soccer1 basketball golf tennis running fishing hunting guitar music
rockstar rockyou metallica slipknot nirvana eminem tupac ninja pirate zombie killer1 hacker
hacked security password! password01 password2024 password2025 password2026 summer2024
summer2025 winter2024 winter2025 spring2025 autumn2025 welcome2024 welcome2025 welcome2026
company company123 letmein2025 iloveyou2 loveyou123 qwertz qwertz123 azerty azerty123 123456a
123456aa a123456 a123456789 aa123456 abc123456 1234qwer 1234abcd qwer1234 asdf1234 zxcv1234
1234asdf 12qwaszx 147258369 741852963 159357 147258 258456 789456123 123654789 963852741
0123456789 9876543210 123454321 112233445566 121212121212 101010101010
`
    .split(/\s+/)
    .filter(Boolean),
);
